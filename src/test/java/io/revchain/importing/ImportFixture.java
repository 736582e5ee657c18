package io.revchain.importing;

import io.revchain.chain.TestActors;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepIngestion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs imports the way the service does (own worker thread, real mapping parse) and waits for the outcome. */
final class ImportFixture implements AutoCloseable {

    static final Set<String> RUNNING_EXAMPLE_TYPES = Set.of("RegisterRequest", "ExamineCasually",
            "ExamineThoroughly", "CheckTicket", "Decide", "ReinitiateRequest", "PayCompensation", "RejectRequest");
    static final Set<String> HELPDESK_TYPES = Set.of("AssignSeriousness", "TicketClosed", "CreateSwAnomaly",
            "TicketDuplicate", "TicketInvalid", "InsertTicket", "TicketResolved", "RequireUpgrade",
            "ResolveSwAnomaly", "ResolveTicket", "ScheduleIntervention", "TakeInChargeTicket", "TicketVerified",
            "Wait");
    static final DeclaredStepTypes DECLARED = type -> RUNNING_EXAMPLE_TYPES.contains(type)
                                                      || HELPDESK_TYPES.contains(type);

    /** The shared data sets beside the repository (a clean clone has ../shared next to it). */
    static final Path SHARED = Path.of("../shared/data");

    final ImportJobs jobs;

    ImportFixture(StepIngestion ingestion) {
        this(ingestion, ImportProperties.defaults());
    }

    ImportFixture(StepIngestion ingestion, ImportProperties properties) {
        this.jobs = new ImportJobs(ingestion, DECLARED, properties);
    }

    /** Imports that may discover maps: the fake defines them and declares their step types. */
    ImportFixture(StepIngestion ingestion, FakeMapDiscovery discovery) {
        this.jobs = new ImportJobs(ingestion, discovery, ImportProperties.defaults(), discovery);
    }

    static InMemoryStepIngestion ingestion() {
        StepTypes types = StepTypes.of(DECLARED);
        return new InMemoryStepIngestion(types::isValid);
    }

    ImportJob run(String mappingJson, Path file) {
        return run(mappingJson, file, Map.of());
    }

    ImportJob run(String mappingJson, Path file, Map<String, Path> lookups) {
        ImportJob job = jobs.start(jobs.parseMapping(mappingJson.getBytes()), file, file.getFileName().toString(),
                                   lookups, false, TestActors.RECORDER);
        return await(job);
    }

    static ImportJob await(ImportJob job) {
        try {
            return job.done().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("import did not end: " + job.view(), e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ImportFixture.class.getResourceAsStream("/importing/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource importing/" + name);
            }
            return new String(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourcePath(String name) {
        return Path.of("src/test/resources/importing", name);
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        jobs.close();
    }
}

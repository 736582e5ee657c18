package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.revchain.bench.RawReads.Rate;
import io.revchain.chain.TestActors;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepBatchResult;
import io.revchain.step.StepIngestion;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Imports a generated XES log of about 250k events through the real application (the chain's StepIngestion, Axon,
 * the MongoDB event store, with every projection running) and compares its steps/s with raw insertMany on
 * the same server in the same run: of as many minimal documents (before the import, on a quiet server) and of the
 * very event documents the import stored (after the read side has caught up). A warm-up import of a fifth of the
 * size runs first, so the figures are those of a running service rather than of the JIT compiler. Run:
 * mvn -Pbench test -Dtest=ImportBench (-Dbench.traces=N to resize, -Dbench.backend=memory).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/import-${random.uuid}"})
class ImportBench {

    private static final String[] JOURNEY = {"LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted",
                                             "OpportunityOpened", "OpportunityAdvanced", "AssetUsed", "DealWon",
                                             "CustomerOnboarded", "FeedbackRecorded"};
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final String MAPPING = """
            {"mapId": "bench", "format": "xes", "lifecycle": "complete", "attributes": {"owner": "org:resource"}}""";

    /** Only built-in step types here; a primary bean, so that the map feature keeps its own bean by class. */
    @TestConfiguration
    static class NoCustomTypes {

        @Bean
        @Primary
        DeclaredStepTypes noCustomStepTypes() {
            return type -> false;
        }
    }

    @Autowired
    DeclaredStepTypes declaredStepTypes;

    @Autowired
    ImportJobs jobs;

    @Autowired
    StepIngestion ingestion;

    @Autowired
    MongoDatabase database;

    @Autowired
    MongoEventStorageEngine engine;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("journeyFacts")
    HealthIndicator journeyFacts;

    @Test
    void xesImportThroughTheChain_versusRawInsertMany() throws Exception {
        int traces = Integer.getInteger("bench.traces", 25_000);
        int events = traces * JOURNEY.length;
        Path file = Path.of("target/bench/import-bench.xes");
        generate(file, "B-", traces);

        // Warm-up, as a running service is: a fifth of the log under other journey ids, then both raw paths.
        Path warmUp = Path.of("target/bench/import-warm-up.xes");
        generate(warmUp, "W-", traces / 5);
        ImportJob warm = jobs.start(jobs.parseMapping(MAPPING.getBytes()), warmUp, "warm-up", false,
                                    TestActors.RECORDER);
        warm.done().get(60, TimeUnit.MINUTES);
        assertThat(warm.status()).as(warm.message()).isEqualTo(ImportJob.Status.COMPLETED);
        awaitReadSide();
        rawInsertMany(database.getCollection("bench_raw_warm_up"), events / 10, ImportBench::minimalDocument);
        long warmUpEvents = engine.headSequence();

        Rate minimal = rawInsertMany(database.getCollection("bench_raw_minimal"), events, ImportBench::minimalDocument);

        long start = System.nanoTime();
        ImportJob job = jobs.start(jobs.parseMapping(MAPPING.getBytes()), file, file.getFileName().toString(),
                                   false, TestActors.RECORDER);
        job.done().get(60, TimeUnit.MINUTES);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(progress.accepted()).isEqualTo(events);
        long readSideLag = readSideLag();
        awaitReadSide();
        double caughtUpSeconds = (System.nanoTime() - start) / 1e9;

        // The same documents the import stored, into a collection with the same unique stream key. Read in
        // batches (the embedded server holds its data in the heap too) and only the inserts are timed.
        MongoCollection<Document> copies = database.getCollection("bench_raw_events");
        copies.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
        long inserting = 0;
        long copied = 0;
        for (long from = warmUpEvents + 1; from <= warmUpEvents + events; from += 500) {
            List<Long> ids = LongStream.range(from, Math.min(warmUpEvents + events + 1, from + 500)).boxed().toList();
            List<Document> batch = new ArrayList<>(ids.size());
            database.getCollection("events").find(Filters.in("_id", ids)).forEach(batch::add);
            long t0 = System.nanoTime();
            copies.insertMany(batch);
            inserting += System.nanoTime() - t0;
            copied += batch.size();
        }
        assertThat(copied).isEqualTo(events);
        copies.drop();
        Rate same = new Rate(copied, copied / (inserting / 1e9));

        // The importer alone (reading, mapping, ids, batching) into an intake that only counts.
        long[] counted = new long[1];
        StepIngestion counting = (steps, actor) -> {
            counted[0] += steps.size();
            return new StepBatchResult(steps.size(), 0);
        };
        double parseSeconds;
        try (ImportJobs alone = new ImportJobs(counting, declaredStepTypes, ImportProperties.defaults())) {
            start = System.nanoTime();
            ImportJob dry = alone.start(alone.parseMapping(MAPPING.getBytes()), file, "dry", false,
                                        TestActors.RECORDER);
            dry.done().get(60, TimeUnit.MINUTES);
            parseSeconds = (System.nanoTime() - start) / 1e9;
            assertThat(counted[0]).isEqualTo(events);
        }

        double importRate = events / importSeconds;
        double queryableRate = events / caughtUpSeconds;
        double parseRate = events / parseSeconds;
        String report = String.format(Locale.ROOT, """
                Import bench (%s, backend %s): %,d events in %,d traces, %s (%,d bytes)
                  raw insertMany of %,d minimal documents (5 fields, batches of 500), before the import: %,.0f docs/s
                  import through %s, every projection running: %.1f s, %,.0f steps/s (intake calls of <= %d steps)
                    read side behind by %,d events when the import ended; caught up after %.1f s: %,.0f steps/s
                  raw insertMany of the same %,d event documents (batches of 500, unique stream key): %,.0f docs/s
                  importer alone (read, map, batch into a counting intake): %.1f s, %,.0f steps/s
                  ratio import / raw minimal documents: %.3f; until queryable: %.3f
                  ratio import / raw same event documents: %.3f; until queryable: %.3f
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("bench.backend", "h2"), events,
                traces, file, Files.size(file), events, minimal.perSecond(), ingestion.getClass().getSimpleName(),
                importSeconds, importRate, ImportProperties.defaults().chunkSize(), readSideLag, caughtUpSeconds,
                queryableRate, events, same.perSecond(), parseSeconds, parseRate, importRate / minimal.perSecond(),
                queryableRate / minimal.perSecond(), importRate / same.perSecond(), queryableRate / same.perSecond());
        System.out.println(report);
        Files.writeString(Path.of("target/bench/import-bench.txt"), report);
    }

    /** Inserts count documents in batches of 500 into a fresh collection, dropped afterwards. */
    private static Rate rawInsertMany(MongoCollection<Document> collection, int count, IntFunction<Document> document) {
        long start = System.nanoTime();
        List<Document> batch = new ArrayList<>(500);
        for (int i = 0; i < count; i++) {
            batch.add(document.apply(i));
            if (batch.size() == 500) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(collection.countDocuments()).isEqualTo(count);
        collection.drop();
        return new Rate(count, count / seconds);
    }

    private static Document minimalDocument(int i) {
        return new Document("_id", "raw:" + i).append("journeyId", "J" + i / JOURNEY.length)
                                              .append("type", JOURNEY[i % JOURNEY.length])
                                              .append("occurredAt", BASE.plusSeconds(i).toString())
                                              .append("owner", "rep-" + i % 40);
    }

    /** Events the slowest reader (journey facts or a projection) still has to handle. */
    private long readSideLag() {
        long head = engine.headSequence();
        long slowest = head;
        Object facts = journeyFacts.health().getDetails().get("position");
        slowest = Math.min(slowest, ((Number) facts).longValue());
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                for (EventTrackerStatus status : streaming.processingStatus().values()) {
                    slowest = Math.min(slowest, status.getCurrentPosition().orElse(0));
                }
            }
        }
        return head - slowest;
    }

    private void awaitReadSide() throws InterruptedException {
        while (readSideLag() > 0) {
            Thread.sleep(20);
        }
    }

    /** A valid chain per trace (qualified before handoff, nothing after the outcome but onboarding and feedback). */
    private static void generate(Path file, String idPrefix, int traces) throws IOException {
        Files.createDirectories(file.getParent());
        Instant base = Instant.parse("2023-01-02T08:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" "
                      + "xmlns=\"http://www.xes-standard.org/\">\n");
            out.write("  <global scope=\"event\"><date key=\"time:timestamp\" value=\"1970-01-01T00:00:00Z\"/>"
                      + "</global>\n");
            for (int t = 0; t < traces; t++) {
                out.write("  <trace>\n    <string key=\"concept:name\" value=\"" + idPrefix + t + "\"/>\n");
                Instant at = base.plus(t % 365, ChronoUnit.DAYS).plusSeconds(t % 3600);
                for (int e = 0; e < JOURNEY.length; e++) {
                    at = at.plus(1 + (t + e) % 5, ChronoUnit.DAYS);
                    out.write("    <event>\n      <string key=\"concept:name\" value=\"" + JOURNEY[e] + "\"/>\n");
                    out.write("      <string key=\"lifecycle:transition\" value=\"complete\"/>\n");
                    out.write("      <string key=\"org:resource\" value=\"rep-" + (t % 40) + "\"/>\n");
                    out.write("      <date key=\"time:timestamp\" value=\"" + at + "\"/>\n");
                    switch (JOURNEY[e]) {
                        case "OpportunityAdvanced" ->
                                out.write("      <string key=\"salesStage\" value=\"Proposal\"/>\n");
                        case "AssetUsed" -> out.write("      <string key=\"assetId\" value=\"A-" + (t % 7) + "\"/>\n");
                        case "DealWon", "OpportunityOpened" ->
                                out.write("      <float key=\"amount\" value=\"" + (1000 + t % 9000) + ".50\"/>\n");
                        default -> {
                        }
                    }
                    out.write("    </event>\n");
                }
                out.write("  </trace>\n");
            }
            out.write("</log>\n");
        }
    }
}

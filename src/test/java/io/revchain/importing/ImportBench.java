package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.revchain.bench.DiskUsage;
import io.revchain.bench.RawReads.Rate;
import io.revchain.bench.RealisticJourneys;
import io.revchain.chain.TestActors;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepBatchResult;
import io.revchain.step.StepIngestion;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Imports a generated XES log of about 210k events shaped like real history (custom step types declared by a map,
 * 4-5 attributes per step, journeys of median 7 and up to 100 steps over two years: {@link RealisticJourneys})
 * through the real application (the import job, the chain's StepIngestion, Axon, the MongoDB event store, with every
 * projection running) and compares its steps/s with raw insertMany on the same server in the same run: of as many
 * minimal documents (before the import, on a quiet server) and of the very event documents the import stored (after
 * the read side has caught up). A warm-up import of a fifth of the size runs first, so the figures are those of a
 * running service rather than of the JIT compiler. Then the bytes on disk per step, per collection
 * ({@link DiskUsage}). Run: mvn -Pbench test -Dtest=ImportBench (-Dbench.traces=N to resize,
 * -Dbench.backend=memory; -DargLine=-XX:StartFlightRecording=filename=target/bench/import.jfr for a profile).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/import-${random.uuid}"})
class ImportBench {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    @Autowired
    DeclaredStepTypes declaredStepTypes;

    @Autowired
    ImportJobs jobs;

    @Autowired
    StepIngestion ingestion;

    @Autowired
    CommandGateway commands;

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
        commands.sendAndWait(RealisticJourneys.map(), MetaData.from(TestActors.RECORDER.metaData()));
        Path file = Path.of("target/bench/import-bench.xes");
        int events = (int) RealisticJourneys.writeXes(file, "B-", traces, 42);

        // Warm-up, as a running service is: a fifth of the log under other journey ids, then both raw paths.
        Path warmUp = Path.of("target/bench/import-warm-up.xes");
        RealisticJourneys.writeXes(warmUp, "W-", traces / 5, 7);
        ImportJob warm = jobs.start(jobs.parseMapping(RealisticJourneys.XES_MAPPING.getBytes()), warmUp, "warm-up",
                                    false, TestActors.RECORDER);
        warm.done().get(60, TimeUnit.MINUTES);
        assertThat(warm.status()).as(warm.message()).isEqualTo(ImportJob.Status.COMPLETED);
        awaitReadSide();
        rawInsertMany(database.getCollection("bench_raw_warm_up"), events / 10, ImportBench::minimalDocument);
        long warmUpEvents = engine.headSequence();

        Rate minimal = rawInsertMany(database.getCollection("bench_raw_minimal"), events, ImportBench::minimalDocument);

        long start = System.nanoTime();
        ImportJob job = jobs.start(jobs.parseMapping(RealisticJourneys.XES_MAPPING.getBytes()), file,
                                   file.getFileName().toString(), false, TestActors.RECORDER);
        job.done().get(60, TimeUnit.MINUTES);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(progress.accepted()).isEqualTo(events);
        long readSideLag = readSideLag();
        awaitReadSide();
        double caughtUpSeconds = (System.nanoTime() - start) / 1e9;
        long stepsStored = engine.headSequence();

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
            ImportJob dry = alone.start(alone.parseMapping(RealisticJourneys.XES_MAPPING.getBytes()), file, "dry",
                                        false, TestActors.RECORDER);
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
        if (!"memory".equals(System.getProperty("bench.backend"))) {
            report += diskPerStep(stepsStored);
        }
        System.out.println(report);
        Files.writeString(Path.of("target/bench/import-bench.txt"), report);
    }

    /** Bytes per stored step, per collection, on the embedded default (copied and compacted; see DiskUsage). */
    private String diskPerStep(long steps) {
        Map<String, Long> bytes = DiskUsage.perCollection(database, Path.of("target/bench/disk"),
                                                          name -> !name.startsWith("bench_"));
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "  disk after compaction: %,d bytes for %,d steps stored: %,.0f bytes per step%n", total, steps,
                (double) total / steps));
        bytes.forEach((name, size) -> text.append(String.format(Locale.ROOT, "    %-28s %,14d bytes  %,8.0f per step%n",
                                                                 name, size, (double) size / steps)));
        return text.toString();
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
        return new Document("_id", "raw:" + i).append("journeyId", "J" + i / 7)
                                              .append("type", i % 7 == 0 ? "LeadCaptured" : "DemoHeld")
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
}

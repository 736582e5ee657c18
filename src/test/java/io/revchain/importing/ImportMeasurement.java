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
import org.springframework.context.ApplicationContext;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The import and disk figures of issue 13, measured on a running application context: a generated XES log shaped like
 * real history ({@link RealisticJourneys}: custom step types declared by a map, 4-5 attributes per step, journeys of
 * median 7 and up to 100 steps over two years) is imported through the real application (the import job, the
 * chain's StepIngestion, Axon, the MongoDB event store, with every projection running), timed until the job completes
 * and until every reader has caught up ("until queryable"), and compared with raw insertMany on the same server in
 * the same run: of as many minimal documents (before the import, on a quiet server) and of the very event documents
 * the import stored. A warm-up import of a fifth of the size runs first. Then the bytes on disk per stored step, per
 * collection ({@link DiskUsage}). {@code ImportBench} runs it; a larger benchmark (issue 13's ScaleBenchmark) can
 * call {@link #run} on its own context.
 */
public final class ImportMeasurement {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    /** What one run measured; rates per second, the ratios as issue 13 states them. */
    public record Figures(long events, double importSeconds, double queryableSeconds, long readSideLagAtEnd,
                          double rawMinimalPerSecond, double rawSameDocumentsPerSecond, double importerAlonePerSecond,
                          long stepsStored, Map<String, Long> diskBytes, String report) {

        public double importPerSecond() {
            return events / importSeconds;
        }

        public double queryablePerSecond() {
            return events / queryableSeconds;
        }

        /** Until queryable, against raw insertMany of the same event documents. */
        public double queryableToSameDocuments() {
            return queryablePerSecond() / rawSameDocumentsPerSecond;
        }

        public long diskBytesTotal() {
            return diskBytes.values().stream().mapToLong(Long::longValue).sum();
        }

        public double diskBytesPerStep() {
            return stepsStored == 0 ? 0 : (double) diskBytesTotal() / stepsStored;
        }
    }

    private final ImportJobs jobs;
    private final DeclaredStepTypes declaredStepTypes;
    private final StepIngestion ingestion;
    private final CommandGateway commands;
    private final MongoDatabase database;
    private final MongoEventStorageEngine engine;
    private final EventProcessingConfiguration processing;
    private final HealthIndicator journeyFacts;

    private ImportMeasurement(ApplicationContext context) {
        this.jobs = context.getBean(ImportJobs.class);
        this.declaredStepTypes = context.getBean(DeclaredStepTypes.class);
        this.ingestion = context.getBean(StepIngestion.class);
        this.commands = context.getBean(CommandGateway.class);
        this.database = context.getBean(MongoDatabase.class);
        this.engine = context.getBean(MongoEventStorageEngine.class);
        this.processing = context.getBean(EventProcessingConfiguration.class);
        this.journeyFacts = context.getBean("journeyFacts", HealthIndicator.class);
    }

    /**
     * Imports {@code traces} journeys (about 9.3 steps each) into the context's store after a warm-up, with the raw
     * baselines; measures disk per step too when {@code measureDisk} (the embedded H2 store). Files go to
     * {@code dir}. Defines the benchmark map (custom step types) first.
     */
    public static Figures run(ApplicationContext context, int traces, Path dir, boolean measureDisk)
            throws Exception {
        return new ImportMeasurement(context).measure(traces, dir, measureDisk);
    }

    private Figures measure(int traces, Path dir, boolean measureDisk) throws Exception {

        commands.sendAndWait(RealisticJourneys.map(), MetaData.from(TestActors.RECORDER.metaData()));
        Path file = dir.resolve("import-bench.xes");
        int events = (int) RealisticJourneys.writeXes(file, "B-", traces, 42);

        // Warm-up, as a running service is: a fifth of the log under other journey ids, then both raw paths.
        Path warmUp = dir.resolve("import-warm-up.xes");
        RealisticJourneys.writeXes(warmUp, "W-", traces / 5, 7);
        ImportJob warm = jobs.start(jobs.parseMapping(RealisticJourneys.XES_MAPPING.getBytes()), warmUp, "warm-up",
                                    false, TestActors.RECORDER);
        warm.done().get(60, TimeUnit.MINUTES);
        assertThat(warm.status()).as(warm.message()).isEqualTo(ImportJob.Status.COMPLETED);
        awaitReadSide();
        rawInsertMany(database.getCollection("bench_raw_warm_up"), events / 10, ImportMeasurement::minimalDocument);
        long warmUpEvents = engine.headSequence();

        Rate minimal = rawInsertMany(database.getCollection("bench_raw_minimal"), events,
                                     ImportMeasurement::minimalDocument);

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
        Map<String, Long> disk = measureDisk ? diskPerCollection(dir.resolve("disk")) : Map.of();
        if (measureDisk) {
            report += diskReport(disk, stepsStored);
        }
        return new Figures(events, importSeconds, caughtUpSeconds, readSideLag, minimal.perSecond(),
                           same.perSecond(), parseRate, stepsStored, disk, report);
    }

    /** Bytes per collection on the embedded default (copied and compacted; see DiskUsage). */
    private Map<String, Long> diskPerCollection(Path scratch) {
        return DiskUsage.perCollection(database, scratch, name -> !name.startsWith("bench_"));
    }

    private static String diskReport(Map<String, Long> bytes, long steps) {
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "  disk after compaction: %,d bytes for %,d steps stored: %,.0f bytes per step%n", total, steps,
                (double) total / steps));
        bytes.forEach((name, size) -> text.append(String.format(Locale.ROOT, "    %-28s %,14d bytes  %,8.0f per step%n",
                                                                 name, size, (double) size / steps)));
        return text.toString();
    }

    /** Inserts count documents in batches of 500 into a fresh collection, dropped afterwards (the raw baseline). */
    static Rate rawInsertMany(MongoCollection<Document> collection, int count, IntFunction<Document> document) {
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

    private long readSideLag() {
        return readSideLag(engine, journeyFacts, processing);
    }

    /** Events the slowest reader (journey facts or a projection) still has to handle. */
    static long readSideLag(MongoEventStorageEngine engine, HealthIndicator journeyFacts,
                            EventProcessingConfiguration processing) {
        long head = engine.headSequence();
        long slowest = Math.min(head, ((Number) journeyFacts.health().getDetails().get("position")).longValue());
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

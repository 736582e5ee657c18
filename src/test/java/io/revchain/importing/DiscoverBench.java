package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.revchain.bench.BenchReport;
import io.revchain.bench.RawReads.Rate;
import io.revchain.chain.TestActors;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapView;
import io.revchain.step.StepBatchResult;
import io.revchain.step.StepIngestion;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Discovers and imports a generated event log of about 250k events through the real application (discovery's first
 * pass, the map command, then the import through the intake, Axon and the event store, with every projection
 * running) and compares its events/s with raw insertMany of as many minimal documents on the same server in the same
 * run. The log looks like a CRM's: 20 custom activity labels, 3 to 4 attributes per event, journeys of median 7 and
 * up to 100 events, two years. A warm-up discovery of a fifth of the size runs first under another map and other
 * journey ids. Run: mvn -Pbench test -Dtest=DiscoverBench (-Dbench.events=N, -Dbench.backend=memory).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/discover-${random.uuid}"})
class DiscoverBench {

    /** The funnel, in the order a journey moves through it; loops and skips are added by the generator. */
    private static final String[] FUNNEL = {"Web form submitted", "Lead scored", "MQL reviewed", "Intro call",
                                            "Discovery call", "Demo held", "Technical evaluation",
                                            "Security review", "Proposal sent", "Negotiation",
                                            "Contract signed"};
    private static final String[] SOURCES = {"Web form submitted", "Event badge scanned", "Inbound call"};
    /** Repeated in place: a journey of 40 events is mostly nurturing, follow-ups and reschedules. */
    private static final String[] LOOPS = {"Nurture email opened", "Follow-up call", "Meeting rescheduled",
                                           "Pricing question"};
    private static final String[] REGIONS = {"EMEA", "NA", "APAC", "LATAM"};
    private static final String[] PRODUCTS = {"Core", "Core Plus", "Analytics", "Enterprise Suite", "Add-on Pack"};
    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final long TWO_YEARS = Duration.ofDays(730).toSeconds();

    @Autowired
    ImportJobs jobs;

    @Autowired
    MapCatalog catalog;

    @Autowired
    DeclaredStepTypes declaredStepTypes;

    @Autowired
    MongoDatabase database;

    @Autowired
    MongoEventStorageEngine engine;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("journeyFacts")
    HealthIndicator journeyFacts;

    /** What the generator wrote: events, journeys, and the journey lengths sorted. */
    record LogShape(int events, int journeys, int[] lengths) {

        int median() {
            return lengths[lengths.length / 2];
        }

        int max() {
            return lengths[lengths.length - 1];
        }
    }

    @Test
    void discoverAndImport_versusRawInsertMany() throws Exception {
        int events = Integer.getInteger("bench.events", 250_000);
        Path file = Path.of("target/bench/discover-bench.xes");
        LogShape shape = generate(file, "D-", events, 42);
        Path warmUp = Path.of("target/bench/discover-warm-up.xes");
        generate(warmUp, "DW-", events / 5, 7);

        ImportJob warm = run(mapping("bench-discover-warm-up"), warmUp);
        assertThat(warm.status()).as(warm.message()).isEqualTo(ImportJob.Status.COMPLETED);
        awaitReadSide();
        ImportMeasurement.rawInsertMany(database.getCollection("bench_raw_warm_up"), events / 10,
                                         DiscoverBench::minimalDocument);

        Rate raw = ImportMeasurement.rawInsertMany(database.getCollection("bench_raw_minimal"), events,
                                                  DiscoverBench::minimalDocument);

        long start = System.nanoTime();
        ImportJob job = run(mapping("bench-discover"), file);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.view().progress().accepted()).isEqualTo(events);
        long lag = readSideLag();
        awaitReadSide();
        double queryableSeconds = (System.nanoTime() - start) / 1e9;
        MapView map = catalog.current("bench-discover").orElseThrow();
        assertThat(map.stages()).hasSize(job.view().discovery().activities().size());

        // The importer alone into an intake that only counts: with discovery (two passes, the map defined by a
        // fake), and with the discovered typeMap written out by hand (one pass), to isolate discovery's own cost.
        Map<String, String> typeMap = new LinkedHashMap<>();
        job.view().discovery().activities().forEach(a -> a.labels().forEach(l -> typeMap.put(l, a.stepType())));
        double aloneDiscovering = alone(mapping("bench-dry"), file, events);
        double aloneTypeMap = alone("{\"mapId\": \"bench-dry\", \"format\": \"xes\", \"typeMap\": "
                                    + new ObjectMapper().writeValueAsString(typeMap)
                                    + ", \"attributes\": {\"owner\": \"org:resource\"}}", file, events);

        double importRate = events / importSeconds;
        double queryableRate = events / queryableSeconds;
        BenchReport.heading("Discover and import");
        BenchReport.line("log: %,d events in %,d journeys (median %d, max %d events), %d activities, %s (%,d bytes)",
                         shape.events(), shape.journeys(), shape.median(), shape.max(), map.stages().size(), file,
                         Files.size(file));
        BenchReport.line("raw insertMany of %,d minimal documents (5 fields, batches of 500): %,.0f docs/s", events,
                         raw.perSecond());
        BenchReport.line("discover + import, every projection running: %.1f s, %,.0f events/s; read side %,d "
                         + "events behind at the end, caught up after %.1f s: %,.0f events/s", importSeconds,
                         importRate, lag, queryableSeconds, queryableRate);
        BenchReport.line("importer alone into a counting intake: with discovery %.2f s (%,.0f events/s), with the "
                         + "typeMap by hand %.2f s (%,.0f events/s)", aloneDiscovering, events / aloneDiscovering,
                         aloneTypeMap, events / aloneTypeMap);
        BenchReport.line("ratio discover + import / raw minimal documents: %.3f; until queryable: %.3f",
                         importRate / raw.perSecond(), queryableRate / raw.perSecond());
        BenchReport.line("discovered stages: %s", String.join(", ", map.stages().stream()
                                                                     .map(s -> s.name()).toList()));
    }

    private static String mapping(String mapId) {
        return "{\"mapId\": \"" + mapId + "\", \"format\": \"xes\", \"discover\": {\"name\": \"Bench\"}, "
               + "\"attributes\": {\"owner\": \"org:resource\"}}";
    }

    private ImportJob run(String mapping, Path file) throws Exception {
        ImportJob job = jobs.start(jobs.parseMapping(mapping.getBytes(StandardCharsets.UTF_8)), file,
                                   file.getFileName().toString(), false, TestActors.RECORDER);
        return job.done().get(60, TimeUnit.MINUTES);
    }

    /** Seconds the importer takes into an intake that only counts. */
    private double alone(String mapping, Path file, int events) throws Exception {
        long[] counted = new long[1];
        StepIngestion counting = (steps, actor) -> {
            counted[0] += steps.size();
            return new StepBatchResult(steps.size(), 0);
        };
        FakeMapDiscovery maps = new FakeMapDiscovery();
        try (ImportJobs alone = new ImportJobs(counting, declaredStepTypes, ImportProperties.defaults(), maps)) {
            long start = System.nanoTime();
            ImportJob job = alone.start(alone.parseMapping(mapping.getBytes(StandardCharsets.UTF_8)), file, "dry",
                                        false, TestActors.RECORDER);
            job.done().get(60, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(counted[0]).isEqualTo(events);
            return seconds;
        }
    }

    /** A five-field document as small as an event can be: the raw baseline's. */
    private static Document minimalDocument(int i) {
        return new Document("_id", "raw:" + i).append("journeyId", "J" + i / 10)
                                              .append("type", LOOPS[i % LOOPS.length])
                                              .append("occurredAt", START.plusSeconds(i).toString())
                                              .append("owner", "rep-" + i % 40);
    }

    private long readSideLag() {
        return ImportMeasurement.readSideLag(engine, journeyFacts, processing);
    }

    private void awaitReadSide() throws InterruptedException {
        while (readSideLag() > 0) {
            Thread.sleep(20);
        }
    }

    /**
     * Journeys until {@code events} events: a source activity, then a prefix of the funnel (some steps skipped, a
     * third of the journeys stopping early, one in eight lost), padded with loop activities where they happen, so
     * that lengths follow a log-normal of median 7 capped at 100. Starts spread over two years; gaps of minutes to
     * weeks. Each event has a resource, region and product, and proposals and contracts an amount.
     */
    private static LogShape generate(Path file, String idPrefix, int events, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        List<Integer> lengths = new ArrayList<>();
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" "
                      + "xmlns=\"http://www.xes-standard.org/\">\n");
            out.write("  <global scope=\"event\"><date key=\"time:timestamp\" value=\"1970-01-01T00:00:00Z\"/>"
                      + "</global>\n");
            for (int j = 0; written < events; j++) {
                int length = (int) Math.round(Math.exp(Math.log(7) + 0.8 * random.nextGaussian()));
                length = Math.max(2, Math.min(100, Math.min(length, events - written)));
                if (events - written - length == 1) {
                    length++;
                }
                List<String> path = path(random, length);
                lengths.add(path.size());
                written += path.size();
                String region = REGIONS[random.nextInt(REGIONS.length)];
                String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
                out.write("  <trace>\n    <string key=\"concept:name\" value=\"" + idPrefix + j + "\"/>\n");
                Instant at = START.plusSeconds((long) (random.nextDouble() * TWO_YEARS));
                for (String activity : path) {
                    at = at.plusSeconds(60 + (long) (-Math.log(1 - random.nextDouble()) * 36 * 3600));
                    out.write("    <event>\n      <string key=\"concept:name\" value=\"" + activity + "\"/>\n");
                    out.write("      <date key=\"time:timestamp\" value=\"" + at + "\"/>\n");
                    out.write("      <string key=\"org:resource\" value=\"rep-" + random.nextInt(60) + "\"/>\n");
                    out.write("      <string key=\"region\" value=\"" + region + "\"/>\n");
                    out.write("      <string key=\"product\" value=\"" + product + "\"/>\n");
                    if (activity.equals("Proposal sent") || activity.equals("Contract signed")) {
                        out.write("      <float key=\"amount\" value=\"" + (2_000 + random.nextInt(98_000))
                                  + ".00\"/>\n");
                    }
                    out.write("    </event>\n");
                }
                out.write("  </trace>\n");
            }
            out.write("</log>\n");
        }
        int[] sorted = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new LogShape(written, sorted.length, sorted);
    }

    /** A path of exactly {@code length} activities. */
    private static List<String> path(Random random, int length) {
        List<String> funnel = new ArrayList<>();
        funnel.add(SOURCES[random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 6 ? 1 : 2]);
        int reach = random.nextInt(3) == 0 ? 2 + random.nextInt(5) : FUNNEL.length;
        for (int i = 1; i < reach && funnel.size() < length; i++) {
            if (random.nextInt(6) > 0) {
                funnel.add(FUNNEL[i]);
            }
        }
        if (funnel.get(funnel.size() - 1).equals("Contract signed") && random.nextInt(8) == 0) {
            funnel.set(funnel.size() - 1, "Closed lost");
        }
        while (funnel.size() > length) {
            funnel.remove(funnel.size() - 1);
        }
        List<String> path = new ArrayList<>(funnel);
        while (path.size() < length) {
            // Loops happen between the first and the last step, around where the journey is at the time.
            int at = 1 + random.nextInt(Math.max(1, path.size() - 1));
            String loop = at < 3 ? LOOPS[0] : LOOPS[1 + random.nextInt(LOOPS.length - 1)];
            path.add(Math.min(at, path.size()), loop);
        }
        return path;
    }
}

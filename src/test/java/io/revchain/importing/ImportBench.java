package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepBatchResult;
import io.revchain.step.StepIngestion;
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
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Imports a generated XES log of about 250k events through the real application (the chain's StepIngestion, Axon,
 * the MongoDB event store) and compares its steps/s with raw {@code insertMany} of as many small documents into the
 * same database in the same run. Run: {@code mvn -Pbench test -Dtest=ImportBench} (-Dbench.traces=N to resize).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
                properties = "revchain.mongodb.embedded.backend=memory")
class ImportBench {

    private static final String[] JOURNEY = {"LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted",
                                             "OpportunityOpened", "OpportunityAdvanced", "AssetUsed", "DealWon",
                                             "CustomerOnboarded", "FeedbackRecorded"};
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

    @Test
    void xesImportThroughTheChain_versusRawInsertMany() throws Exception {
        int traces = Integer.getInteger("bench.traces", 25_000);
        int events = traces * JOURNEY.length;
        Path file = Path.of("target/bench/import-bench.xes");
        generate(file, traces);

        long start = System.nanoTime();
        ImportJob job = jobs.start(jobs.parseMapping(MAPPING.getBytes()), file, file.getFileName().toString(),
                                   false);
        job.done().get(60, TimeUnit.MINUTES);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        ImportJobView.ProgressView progress = job.view().progress();
        assertThat(job.status()).as(job.message()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(progress.accepted()).isEqualTo(events);

        // The importer alone (reading, mapping, ids, batching) into an intake that only counts.
        long[] counted = new long[1];
        StepIngestion counting = steps -> {
            counted[0] += steps.size();
            return new StepBatchResult(steps.size(), 0);
        };
        double parseSeconds;
        try (ImportJobs alone = new ImportJobs(counting, declaredStepTypes, ImportProperties.defaults())) {
            start = System.nanoTime();
            ImportJob dry = alone.start(alone.parseMapping(MAPPING.getBytes()), file, "dry", false);
            dry.done().get(60, TimeUnit.MINUTES);
            parseSeconds = (System.nanoTime() - start) / 1e9;
            assertThat(counted[0]).isEqualTo(events);
        }

        MongoCollection<Document> raw = database.getCollection("bench_raw_steps");
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        start = System.nanoTime();
        List<Document> batch = new ArrayList<>(500);
        for (int i = 0; i < events; i++) {
            batch.add(new Document("_id", "raw:" + i).append("journeyId", "J" + i / JOURNEY.length)
                                                      .append("type", JOURNEY[i % JOURNEY.length])
                                                      .append("occurredAt", base.plusSeconds(i).toString())
                                                      .append("owner", "rep-" + i % 40));
            if (batch.size() == 500) {
                raw.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            raw.insertMany(batch);
        }
        double rawSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(raw.countDocuments()).isEqualTo(events);
        raw.drop();

        double importRate = events / importSeconds;
        double parseRate = events / parseSeconds;
        double rawRate = events / rawSeconds;
        String report = String.format(Locale.ROOT, """
                Import bench (%s): %,d events in %,d traces, %s (%,d bytes)
                  import through %s: %.1f s, %,.0f steps/s (intake calls of <= %d steps)
                  importer alone (read, map, batch into a counting intake): %.1f s, %,.0f steps/s
                  raw insertMany of %,d small documents (batches of 500): %.1f s, %,.0f docs/s
                  ratio import/raw: %.3f (raw is %.1fx faster)
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), events, traces, file, Files.size(file),
                ingestion.getClass().getSimpleName(), importSeconds, importRate,
                ImportProperties.defaults().chunkSize(), parseSeconds, parseRate, events, rawSeconds, rawRate,
                importRate / rawRate, rawRate / importRate);
        System.out.println(report);
        Files.writeString(Path.of("target/bench/import-bench.txt"), report);
    }

    /** A valid chain per trace (qualified before handoff, nothing after the outcome but onboarding and feedback). */
    private static void generate(Path file, int traces) throws IOException {
        Files.createDirectories(file.getParent());
        Instant base = Instant.parse("2023-01-02T08:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" "
                      + "xmlns=\"http://www.xes-standard.org/\">\n");
            out.write("  <global scope=\"event\"><date key=\"time:timestamp\" value=\"1970-01-01T00:00:00Z\"/>"
                      + "</global>\n");
            for (int t = 0; t < traces; t++) {
                out.write("  <trace>\n    <string key=\"concept:name\" value=\"B-" + t + "\"/>\n");
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

package io.revchain.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.revchain.bench.BenchReport;
import io.revchain.bench.RawReads;
import io.revchain.chain.TestActors;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Export throughput (docs/benchmarks.md): a two-year history of about 250,000 journey steps (custom step types,
 * three to four attributes a step, journeys of median 7 and up to 100 steps, campaigns and segments), loaded through
 * the intake, then exported whole over HTTP as XES and as OCEL 2.0 and read to the end by a client, against a raw
 * driver scan of the same event documents in the same run. {@code mvn -B -Pbench test -Dtest=ExportBenchmark}
 * ({@code -Dbench.events=N} to resize, {@code -Dbench.backend=memory}).
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/export-${random.uuid}"})
class ExportBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 250_000);
    private static final int RUNS = 3;
    private static final String[] MIDDLE = {"DemoHeld", "ProposalSent", "ContractReview", "OpportunityAdvanced",
                                            "AssetUsed", "SecurityReview"};
    private static final String[] OWNERS = {"ann", "bob", "cy", "dee", "eli", "fay", "gus", "hal", "ivy", "jo"};
    private static final String[] REGIONS = {"North", "South", "East", "West", "DACH", "Nordics"};
    private static final String[] PRODUCTS = {"GTX Basic", "GTX Pro", "MG Special", "GTK 500"};

    @LocalServerPort
    int port;
    @Value("${revchain.security.admin-password}")
    String adminPassword;
    @Autowired
    StepIngestion ingestion;
    @Autowired
    MongoDatabase database;
    @Autowired
    @Qualifier("journeyFacts")
    HealthIndicator facts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void exportWholeHistory_asXesAndOcel_againstARawScanOfTheSameDocuments() throws Exception {
        put("/api/maps/bench", """
                {"name": "Bench", "stages": [
                  {"stageId": "lead", "owner": "MARKETING", "enteredOn": ["LeadCaptured"]},
                  {"stageId": "mql", "owner": "MARKETING", "enteredOn": ["LeadQualified"], "slaHours": 72},
                  {"stageId": "sal", "owner": "SALES", "enteredOn": ["LeadHandedOff", "LeadAccepted"]},
                  {"stageId": "sql", "owner": "SALES",
                   "enteredOn": ["OpportunityOpened", "OpportunityAdvanced", "DemoHeld", "ProposalSent"]},
                  {"stageId": "review", "owner": "SALES", "enteredOn": ["ContractReview", "SecurityReview"]},
                  {"stageId": "won", "owner": "SALES", "enteredOn": ["DealWon"]},
                  {"stageId": "lost", "owner": "SALES", "enteredOn": ["DealLost"]},
                  {"stageId": "live", "owner": "SERVICE", "enteredOn": ["CustomerOnboarded"]}]}""");
        long t0 = System.nanoTime();
        Load load = load();
        double loadSeconds = BenchReport.seconds(System.nanoTime() - t0);
        ExportScenario.await(() -> ((Number) facts.health().getDetails().get("lag")).longValue() == 0,
                             "the journey facts");

        double[] scan = new double[RUNS];
        long scanned = 0;
        double[][] xes = new double[RUNS][];
        double[][] ocel = new double[RUNS][];
        double[][] quarter = new double[RUNS][];
        for (int run = 0; run < RUNS; run++) {
            RawReads.Rate rate = RawReads.fullScan(database.getCollection("events"));
            scanned = rate.documents();
            scan[run] = rate.perSecond();
            xes[run] = export("/api/export/xes?asOf=2027-01-01T00:00:00Z");
            ocel[run] = export("/api/export/ocel?asOf=2027-01-01T00:00:00Z");
            quarter[run] = export("/api/export/ocel?quarter=2025-Q2&asOf=2027-01-01T00:00:00Z");
        }
        double scanRate = median(scan);
        BenchReport.heading("History export of %,d journey steps (%,d journeys, %,d campaign and segment steps)"
                                    .formatted(load.journeySteps(), load.journeys(), load.objectSteps()));
        BenchReport.line("- loaded through the intake at %,.0f steps/s; journey lengths: median %d, max %d steps",
                         (load.journeySteps() + load.objectSteps()) / loadSeconds, load.medianLength(),
                         load.maxLength());
        BenchReport.line("- baseline: raw driver scan of the %,d event documents: **%,.0f docs/s** (median of %d)",
                         scanned, scanRate, RUNS);
        report("XES, whole history", xes, load.journeySteps(), scanRate);
        report("OCEL 2.0, whole history", ocel, load.journeySteps() + load.objectSteps(), scanRate);
        double[] q = column(quarter, 0);
        BenchReport.line("- OCEL 2.0, one quarter: first byte after %.0f ms, whole answer %.0f ms, %,.0f bytes",
                         median(column(quarter, 1)), median(q), median(column(quarter, 2)));
        assertThat(median(column(xes, 2))).isPositive();
    }

    private void report(String what, double[][] runs, long events, double scanRate) {
        double seconds = median(column(runs, 0)) / 1_000;
        double rate = events / seconds;
        BenchReport.line("- %s: %,d events in %.2f s (median of %d): **%,.0f events/s**, first byte after %.0f ms, "
                                 + "%,.0f bytes (%.1f MB/s); against the raw scan **%.2f×**",
                         what, events, seconds, runs.length, rate, median(column(runs, 1)), median(column(runs, 2)),
                         median(column(runs, 2)) / seconds / 1e6, rate / scanRate);
    }

    /** {total ms, first byte ms, bytes}, the body read to its end like a client saving the file. */
    private double[] export(String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request(path).GET().build(),
                                                       HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        double first = -1;
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (first < 0 && n > 0) {
                    first = (System.nanoTime() - t0) / 1e6;
                }
                bytes += n;
            }
        }
        return new double[] {(System.nanoTime() - t0) / 1e6, first, bytes};
    }

    record Load(long journeySteps, long objectSteps, int journeys, int medianLength, int maxLength) {
    }

    /**
     * Journeys of log-normal length (median 7), one in a hundred a long one of 50 to 100 steps: captured,
     * qualified, handed off, then a walk through custom and sales steps, then won (onboarded, feedback) or lost or
     * left open; spread over 2024 and 2025; each step with three or four attributes.
     */
    private Load load() {
        Random random = new Random(42);
        List<StepRequest> batch = new ArrayList<>();
        List<StepRequest> objects = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            objects.add(new StepRequest("seg-" + s, "SegmentProfiled", "2023-12-01T09:00:00Z", null, "seg-" + s,
                                        null, Map.of("name", "Segment " + s, "region", REGIONS[s % REGIONS.length],
                                                     "size", s % 2 == 0 ? "mid" : "enterprise")));
        }
        for (int c = 0; c < 60; c++) {
            String at = Instant.parse("2024-01-01T09:00:00Z").plus(Duration.ofDays(c * 12L)).toString();
            objects.add(new StepRequest("cmp-" + c, "CampaignLaunched", at, null, null, "cmp-" + c,
                                        Map.of("segment", "seg-" + (c % 12), "name", "Campaign " + c,
                                               "channel", c % 3 == 0 ? "webinar" : "ads", "budget", 5000 + c)));
            objects.add(new StepRequest("cmp-" + c + "-a", "AssetPublished", at, null, null, "cmp-" + c,
                                        Map.of("assetId", "asset-" + c, "kind", c % 2 == 0 ? "deck" : "case")));
        }
        ingestion.ingest(objects, TestActors.RECORDER);
        long steps = 0;
        int journeys = 0;
        List<Integer> lengths = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        while (steps < EVENTS) {
            String journey = "j-" + journeys++;
            int length = random.nextInt(100) == 0 ? 50 + random.nextInt(51)
                    : (int) Math.max(2, Math.min(49, Math.round(Math.exp(Math.log(7) + 0.55 * random.nextGaussian()))));
            Instant at = start.plus(Duration.ofMinutes(random.nextInt(700 * 24 * 60)));
            String owner = OWNERS[random.nextInt(OWNERS.length)];
            String campaign = "cmp-" + random.nextInt(60);
            String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String region = REGIONS[random.nextInt(REGIONS.length)];
            List<StepRequest> journeySteps = new ArrayList<>();
            // Won (then onboarded, then feedback) needs room after the handoff; lost needs one step after it.
            int draw = random.nextInt(10);
            String ending = draw < 5 && length >= 6 ? "won" : draw < 8 && length >= 4 ? "lost" : "open";
            for (int s = 0; s < length; s++) {
                int left = length - s;
                String type;
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("owner", owner);
                attributes.put("region", region);
                if (s == 0) {
                    type = "LeadCaptured";
                    attributes.put("campaign", campaign);
                    attributes.put("channel", random.nextBoolean() ? "webinar" : "ads");
                } else if (s == 1) {
                    type = "LeadQualified";
                    attributes.put("score", 40 + random.nextInt(60));
                } else if (s == 2) {
                    type = "LeadHandedOff";
                    owner = OWNERS[random.nextInt(OWNERS.length)];
                    attributes.put("to", owner);
                } else if (left == 3 && ending.equals("won")) {
                    type = "DealWon";
                    attributes.put("amount", 1000 + random.nextInt(90_000));
                    attributes.put("product", product);
                } else if (left == 2 && ending.equals("won")) {
                    type = "CustomerOnboarded";
                    attributes.put("product", product);
                } else if (left == 1 && ending.equals("won")) {
                    type = "FeedbackRecorded";
                    attributes.put("score", random.nextInt(11));
                    attributes.put("topic", random.nextBoolean() ? "onboarding" : "pricing");
                } else if (left == 1 && ending.equals("lost")) {
                    type = "DealLost";
                    attributes.put("reason", random.nextBoolean() ? "price" : "timing");
                } else {
                    type = MIDDLE[random.nextInt(MIDDLE.length)];
                    attributes.put("product", product);
                    switch (type) {
                        case "OpportunityAdvanced" -> attributes.put("salesStage", random.nextBoolean()
                                ? "Proposal" : "Negotiation");
                        case "AssetUsed" -> attributes.put("assetId", "asset-" + random.nextInt(60));
                        default -> attributes.put("note", "step " + s);
                    }
                }
                journeySteps.add(new StepRequest(journey + "-" + s, type, at.toString(), journey, null, null,
                                                 attributes));
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(5 * 24 * 60)));
            }
            steps += journeySteps.size();
            lengths.add(journeySteps.size());
            batch.addAll(journeySteps);
            if (batch.size() >= 1_000) {
                assertThat(ingestion.ingest(batch, TestActors.RECORDER).accepted()).isEqualTo(batch.size());
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            assertThat(ingestion.ingest(batch, TestActors.RECORDER).accepted()).isEqualTo(batch.size());
        }
        int[] sorted = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Load(steps, objects.size(), journeys, sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    private static double[] column(double[][] runs, int index) {
        return Arrays.stream(runs).mapToDouble(run -> run[index]).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                                                                .PUT(HttpRequest.BodyPublishers.ofString(json))
                                                                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                  ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
    }
}

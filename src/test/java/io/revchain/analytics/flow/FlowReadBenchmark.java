package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.revchain.bench.BenchReport;
import io.revchain.bench.RawReads;
import io.revchain.chain.TestActors;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Read latency of the map API after loading ~250k steps on the embedded default (H2; {@code -Dbench.backend=memory}
 * for the memory backend), the facts' lag behind the store while loading, and a two-quarter comparison. The
 * baseline, measured in the same run, is one raw driver scan of the event documents: what answering from the store
 * on every request would cost at the least.
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/flow-${random.uuid}"})
class FlowReadBenchmark {

    private static final int JOURNEYS = Integer.getInteger("bench.journeys", 72_000);
    private static final int REQUESTS = 40;
    private static final String[] FUNNEL = {"LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted",
                                            "OpportunityOpened", "DealWon"};

    @LocalServerPort
    int port;
    /** Reads are authenticated like any client's: HTTP Basic as the test admin. */
    @org.springframework.beans.factory.annotation.Value("${revchain.security.admin-password}")
    String adminPassword;
    @Autowired
    StepIngestion ingestion;
    @Autowired
    JourneyFactIndex index;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoDatabase database;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void quarterReads_answerFromMemory_fastRegardlessOfStoreSize() throws Exception {
        put("/api/maps/bench", """
                {"name": "Bench funnel", "stages": [
                  {"stageId": "lead", "name": "Lead", "owner": "MARKETING", "enteredOn": ["LeadCaptured"]},
                  {"stageId": "mql", "name": "MQL", "owner": "MARKETING", "enteredOn": ["LeadQualified"], "slaHours": 72},
                  {"stageId": "sal", "name": "SAL", "owner": "SALES", "enteredOn": ["LeadAccepted"], "slaHours": 48},
                  {"stageId": "sql", "name": "SQL", "owner": "SALES", "enteredOn": ["OpportunityOpened"]},
                  {"stageId": "won", "name": "Won", "owner": "SALES", "enteredOn": ["DealWon"]},
                  {"stageId": "lost", "name": "Lost", "owner": "SALES", "enteredOn": ["DealLost"]}],
                 "handoffs": [{"fromStage": "mql", "toStage": "sal", "owner": "MARKETING", "criteria": "score>60"}]}""");

        List<Long> lags = new ArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (loading.get()) {
                lags.add(Math.max(0, engine.headSequence() - index.position()));
                sleep(200);
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        int steps = load();
        double loadSeconds = BenchReport.seconds(System.nanoTime() - t0);
        loading.set(false);
        sampler.join();
        long caughtUpAt = System.nanoTime();
        while (index.position() < engine.headSequence()) {
            sleep(5);
        }
        double catchUpMs = (System.nanoTime() - caughtUpAt) / 1e6;

        RawReads.Rate scan = RawReads.fullScan(database.getCollection("events"));
        long scanned = scan.documents();
        double scanMs = scanned / scan.perSecond() * 1_000;

        double[] stages = latencies("/api/maps/bench/stages?quarter=2025-Q2");
        double[] flow = latencies("/api/maps/bench/flow?quarter=2025-Q2");
        double[] compare = latencies("/api/maps/bench/compare?a=2025-Q2&b=2025-Q3");
        double[] asOf = latencies("/api/maps/bench/stages?quarter=2025-Q2&asOf=2025-05-15T00:00:00Z"
                                          + "&knownAt=" + Instant.now());

        long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        BenchReport.heading("Map reads after loading %,d steps of %,d journeys".formatted(steps, JOURNEYS));
        BenchReport.line("- load through the intake: %,.0f steps/s; facts' lag behind the store while loading: "
                                 + "median %,d events, max %,d events; caught up %.0f ms after the last write",
                         steps / loadSeconds, lag.length == 0 ? 0 : lag[lag.length / 2],
                         lag.length == 0 ? 0 : lag[lag.length - 1], catchUpMs);
        BenchReport.line("- baseline: one raw driver scan of the %,d event documents: %.0f ms", scanned, scanMs);
        report("stages, one quarter", stages, scanMs);
        report("flow, one quarter", flow, scanMs);
        report("compare, two quarters", compare, scanMs);
        report("stages, one quarter, asOf + knownAt", asOf, scanMs);
        assertThat(stages[0]).isPositive();
    }

    private void report(String what, double[] millis, double scanMs) {
        BenchReport.line("- %s: p50 **%.0f ms**, p99 %.0f ms over %d requests; p50 / raw scan **%.3f×**",
                         what, percentile(millis, 0.5), percentile(millis, 0.99), millis.length,
                         percentile(millis, 0.5) / scanMs);
    }

    private int load() {
        Random random = new Random(42);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<StepRequest> batch = new ArrayList<>();
        int steps = 0;
        for (int j = 0; j < JOURNEYS; j++) {
            String journey = "b-" + j;
            Instant at = start.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            int reach = 1 + random.nextInt(FUNNEL.length);
            boolean lost = reach >= 5 && random.nextInt(3) == 0;
            for (int s = 0; s < reach; s++) {
                String type = lost && s == reach - 1 ? "DealLost" : FUNNEL[s];
                batch.add(new StepRequest(journey + "-" + s, type, at.toString(), journey, null, null,
                                          Map.of("channel", random.nextBoolean() ? "webinar" : "ads")));
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(7 * 24 * 60)));
            }
            if (batch.size() >= 1_000) {
                steps += ingestion.ingest(batch, TestActors.RECORDER).accepted();
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            steps += ingestion.ingest(batch, TestActors.RECORDER).accepted();
        }
        return steps;
    }

    private double[] latencies(String path) throws Exception {
        get(path);
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            get(path);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private void get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                              .header("Authorization", admin())
                                                              .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                           .header("Content-Type", "application/json")
                           .header("Authorization", admin())
                           .PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String admin() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

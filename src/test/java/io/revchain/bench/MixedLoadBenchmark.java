package io.revchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revchain.chain.TestActors;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.SharedElasticWorkloads;
import io.revchain.system.Workloads;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Reads and writes at once (issue 10 defect 14, issue 13 "reads never starve writes"): 32 readers of
 * {@code stages?format=csv} and 4 writers posting step batches over HTTP, against a store of realistic history
 * (custom step types, 3-4 attributes per step, journeys of median ~7 and up to 100 steps over two years, at least
 * 150,000 steps by default). Measured in one run, each phase after a warm-up: reads alone, writes alone, both.
 * Latency is per request, from send to the whole body received.
 * <p>
 * {@code -Dbench.workloads=shared} runs the code as it was before the two pools (every endpoint on Reactor's shared
 * bounded-elastic pool), for the before/after comparison. While a request has taken longer than 2 s a thread dump is
 * written once to {@code target/bench/mixed-load-<workloads>-dump.txt}, with a summary of what the request threads do.
 * {@code -Dbench.steps}, {@code -Dbench.seconds} (per phase), {@code -Dbench.readers}, {@code -Dbench.writers}.
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/mixed-${random.uuid}"})
class MixedLoadBenchmark {

    private static final int STEPS = Integer.getInteger("bench.steps", 150_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int READERS = Integer.getInteger("bench.readers", 32);
    private static final int WRITERS = Integer.getInteger("bench.writers", 4);
    private static final String WORKLOADS = System.getProperty("bench.workloads", "pools");
    private static final String READ = "/api/maps/bench/stages?format=csv&quarter=2025-Q3";
    /** The test properties' admin, who defines the map and issues the clients' keys. */
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString(
            "admin:test-admin-password-not-secret".getBytes(StandardCharsets.UTF_8));

    /** The code as before: one shared pool, unbounded queue. */
    @TestConfiguration
    @ConditionalOnProperty(name = "bench.workloads", havingValue = "shared")
    static class SharedPool {
        @Bean
        @Primary
        Workloads sharedElasticWorkloads() {
            return new SharedElasticWorkloads();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    StepIngestion ingestion;
    @Autowired
    MongoEventStorageEngine engine;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger written = new AtomicInteger();
    private final Map<Long, Long> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicBoolean dumped = new AtomicBoolean();
    private volatile String phase = "load";
    /** Each client calls as a BI tool or an integration does: with an API key of its role. */
    private String readerKey;
    private String recorderKey;

    /** Latencies and outcomes of one kind of request in one phase. */
    private record Sample(double[] millis, int refused, int failed, double seconds) {

        double p(double q) {
            if (millis.length == 0) {
                return Double.NaN;
            }
            double rank = q * (millis.length - 1);
            int lower = (int) Math.floor(rank);
            int upper = (int) Math.ceil(rank);
            return millis[lower] + (rank - lower) * (millis[upper] - millis[lower]);
        }

        double perSecond() {
            return millis.length / seconds;
        }
    }

    @Test
    void readsNeverStarveWrites() throws Exception {
        put("/api/maps/" + RealisticJourneys.MAP_ID, RealisticJourneys.MAP_JSON);
        readerKey = "Bearer " + issueKey("bench-readers", "reader");
        recorderKey = "Bearer " + issueKey("bench-writers", "recorder");
        long t0 = System.nanoTime();
        int steps = load();
        double loadSeconds = BenchReport.seconds(System.nanoTime() - t0);
        awaitReadSide();
        double readyAfter = BenchReport.seconds(System.nanoTime() - t0);
        Thread watchdog = watchdog();

        phase = "warm-up";
        run(READERS, WRITERS, Math.max(5, SECONDS / 3));
        phase = "reads alone";
        Sample[] readsAlone = run(READERS, 0, SECONDS);
        phase = "writes alone";
        Sample[] writesAlone = run(0, WRITERS, SECONDS);
        awaitReadSide();
        phase = "reads and writes";
        Sample[] mixed = run(READERS, WRITERS, SECONDS);
        watchdog.interrupt();

        Runtime runtime = Runtime.getRuntime();
        BenchReport.heading("Mixed load, workloads=%s: %d readers of stages?format=csv, %d writers".formatted(
                WORKLOADS, READERS, WRITERS));
        BenchReport.line("- history: %,d steps of realistic journeys loaded in %.0f s (%,.0f steps/s), queryable after "
                                 + "%.0f s; %d cores, max heap %,d MB; %d s per phase",
                         steps, loadSeconds, steps / loadSeconds, readyAfter, runtime.availableProcessors(),
                         runtime.maxMemory() >> 20, SECONDS);
        report("reads alone", readsAlone[0]);
        report("writes alone", writesAlone[1]);
        report("reads with writers", mixed[0]);
        report("writes with readers", mixed[1]);
        BenchReport.line("- read p99 with writers / alone: **%.2f×** (goal ≤ 10×); write p99 with readers / alone: "
                                 + "**%.2f×** (goal ≤ 3×)", mixed[0].p(0.99) / readsAlone[0].p(0.99),
                         mixed[1].p(0.99) / writesAlone[1].p(0.99));
        assertThat(readsAlone[0].millis()).isNotEmpty();
        assertThat(writesAlone[1].millis()).isNotEmpty();
        // A request answered otherwise than 200 or 503 is not a latency: the figures above would mean nothing.
        for (Sample sample : List.of(readsAlone[0], writesAlone[1], mixed[0], mixed[1])) {
            assertThat(sample.failed()).as("requests failed").isZero();
        }
    }

    private void report(String what, Sample sample) {
        BenchReport.line("- %s: %d requests (%.1f/s), p50 **%.0f ms**, p90 %.0f ms, p99 **%.0f ms**, max %.0f ms; "
                                 + "%d refused (503), %d failed", what, sample.millis().length, sample.perSecond(),
                         sample.p(0.5), sample.p(0.9), sample.p(0.99),
                         sample.millis().length == 0 ? Double.NaN : sample.millis()[sample.millis().length - 1],
                         sample.refused(), sample.failed());
    }

    /** Runs readers and writers together for {@code seconds}; [0] the reads, [1] the writes. */
    private Sample[] run(int readers, int writers, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Double> reads = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> writes = new ConcurrentLinkedQueue<>();
        AtomicInteger[] refused = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] failed = {new AtomicInteger(), new AtomicInteger()};
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(readers + writers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            threads.add(start("bench-reader-" + i, () -> {
                try {
                    while (System.nanoTime() < deadline) {
                        timed(HttpRequest.newBuilder(uri(READ)).header("Authorization", readerKey).GET().build(),
                              reads, refused[0], failed[0]);
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.add(start("bench-writer-" + i, () -> {
                Random random = new Random(1_000 + writer);
                try {
                    while (System.nanoTime() < deadline) {
                        String body = RealisticJourneys.json(RealisticJourneys.journey(random, "w" + writer + "-"
                                + written.incrementAndGet()));
                        timed(HttpRequest.newBuilder(uri("/api/steps")).header("Authorization", recorderKey)
                                         .header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                              writes, refused[1], failed[1]);
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        done.await();
        double elapsed = seconds;
        return new Sample[] {sample(reads, refused[0], failed[0], elapsed), sample(writes, refused[1], failed[1],
                                                                                     elapsed)};
    }

    private static Sample sample(ConcurrentLinkedQueue<Double> millis, AtomicInteger refused, AtomicInteger failed,
                                 double seconds) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Sample(sorted, refused.get(), failed.get(), seconds);
    }

    private void timed(HttpRequest request, ConcurrentLinkedQueue<Double> latencies, AtomicInteger refused,
                       AtomicInteger failed) {
        long id = requestIds.incrementAndGet();
        long t0 = System.nanoTime();
        inFlight.put(id, t0);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - t0) / 1e6;
            if (response.statusCode() == 200) {
                latencies.add(millis);
            } else if (response.statusCode() == 503) {
                refused.incrementAndGet();
                sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 1_000);
            } else {
                failed.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.remove(id);
        }
    }

    /** Writes one thread dump while some request has taken longer than 2 s, with a summary of the request threads. */
    private Thread watchdog() {
        return start("bench-watchdog", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                boolean stalled = inFlight.values().stream().anyMatch(t -> now - t > 2_000_000_000L);
                if (stalled && phase.equals("reads and writes") && dumped.compareAndSet(false, true)) {
                    dump();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void dump() {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 40);
        StringBuilder full = new StringBuilder();
        Map<String, Integer> summary = new TreeMap<>();
        for (ThreadInfo thread : threads) {
            full.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                full.append("    at ").append(frame).append('\n');
            }
            full.append('\n');
            String pool = thread.getThreadName().replaceAll("-?\\d+$", "");
            if (pool.startsWith("boundedElastic") || pool.startsWith("revchain-read")
                    || pool.startsWith("revchain-write") || pool.startsWith("reactor-http")) {
                summary.merge(pool + " " + thread.getThreadState() + " in " + firstOwnFrame(thread), 1, Integer::sum);
            }
        }
        Path file = Path.of("target", "bench", "mixed-load-" + WORKLOADS + "-dump.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, full.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("[bench] thread dump during a stall (" + file + "):");
        summary.forEach((what, count) -> System.out.printf(Locale.ROOT, "[bench]   %3d × %s%n", count, what));
    }

    /** The first frame of revchain's code, or of the wait the thread is in. */
    private static String firstOwnFrame(ThreadInfo thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.revchain")) {
                return frame.getClassName().replace("io.revchain.", "") + "." + frame.getMethodName();
            }
        }
        return stack.length == 0 ? "-" : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    // ---- data ----

    private int load() {
        Random random = new Random(42);
        List<StepRequest> batch = new ArrayList<>();
        int steps = 0;
        int journeys = 0;
        while (steps + batch.size() < STEPS) {
            batch.addAll(RealisticJourneys.journey(random, "h-" + journeys++));
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

    /** Until the journey facts (what reads answer from) have read every event. */
    private void awaitReadSide() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health/journeyFacts"))
                                                               .header("Authorization", ADMIN).build(),
                                                    HttpResponse.BodyHandlers.ofString());
            if (health.body().contains("\"lag\":0")) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("the journey facts did not catch up with " + engine.headSequence());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A new API key with one role, as an admin issues it; its secret is in the answer only. */
    private String issueKey(String name, String role) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/admin/keys")).header("Authorization", ADMIN)
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString(
                                   "{\"name\": \"" + name + "\", \"roles\": [\"" + role + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return new ObjectMapper().readTree(response.body()).get("key").asText();
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN)
                           .header("Content-Type", "application/json")
                           .PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

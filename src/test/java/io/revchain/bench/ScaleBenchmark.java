package io.revchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.revchain.RevchainApplication;
import io.revchain.chain.Actor;
import io.revchain.chain.TestActors;
import io.revchain.journey.JourneyEvent;
import io.revchain.step.IntakeEvents;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * History of any size (issue 13, read side): with 1M and 5M steps of realistic history stored on the embedded
 * default (H2), how long a node takes from start to healthy, how much heap its facts take per step, how large the
 * facts' snapshot is, and how fast {@code stages} and {@code flow} answer for one quarter.
 * <p>
 * The history ({@link ScaleHistory}) is written straight through the event storage engine: the events the steps
 * intake would record (built with the intake's own parser, in its order, with its metadata), checked against the
 * intake itself on the first journeys, which are recorded through it. The store is kept under
 * {@code target/bench-data/scale-<steps>} and reused by later runs. The other projections' tokens are set to the head,
 * as on a node whose BI read models are up to date. Each node is a separate JVM ({@code -Dbench.heap}, 4g) started
 * on that store: once reading the whole history (the snapshot ignored), once as configured. Heap is the live heap
 * after a full GC ({@code jcmd GC.class_histogram}), with an empty node's subtracted. {@code -Dbench.sizes}
 * (1000000,5000000), {@code -Dbench.reads} (40 per read), {@code -Dbench.starts} (2).
 */
@Tag("bench")
class ScaleBenchmark {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.sizes", "1000000,5000000")
                                                                   .split(",")).map(Integer::parseInt).toList();
    private static final String HEAP = System.getProperty("bench.heap", "4g");
    private static final int READS = Integer.getInteger("bench.reads", 40);
    private static final int STARTS = Integer.getInteger("bench.starts", 2);
    private static final Path ROOT = Path.of(System.getProperty("bench.dataRoot", "target/bench-data"));
    private static final String PASSWORD = "test-admin-password-not-secret";
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String QUARTER = ScaleHistory.QUARTER;
    private static final int SAMPLE_JOURNEYS = 40;
    private static final int COMMIT_EVENTS = 1_000;
    private static final long SEED = 13;
    /** A build of the code before the change (its target folder), run on the same stores in the same run. */
    private static final String BASELINE = System.getProperty("bench.baseline");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a node measured. */
    record NodeFigures(String label, double startSeconds, String loadedLine, long heapAfterStart, long heapAfterReads,
                       String topClasses, double[] stages, double[] flow, long snapshotBytes, String factsHealth,
                       double stopSeconds) {
    }

    @Test
    void historyOfAnySize() throws Exception {
        BenchReport.heading("Scale: history of %s steps (start, heap per step, snapshot, quarter reads)".formatted(
                String.join(", ", SIZES.stream().map(n -> "%,d".formatted(n)).toList())));
        BenchReport.line("- machine: %d cores, load average before the run %s; node heap -Xmx%s; %d reads of each",
                         Runtime.getRuntime().availableProcessors(), loadAverage(), HEAP, READS);
        Path emptyDir = ROOT.resolve("scale-empty-" + UUID.randomUUID());
        NodeFigures empty = node(emptyDir, "empty store", false, false, false);
        BenchReport.line("- empty node: healthy after %.1f s, live heap %,d bytes", empty.startSeconds(),
                         empty.heapAfterStart());
        NodeFigures emptyToday = null;
        if (BASELINE != null) {
            emptyToday = node(ROOT.resolve("scale-empty-" + UUID.randomUUID()), "empty store", false, false, true);
            BenchReport.line("- empty node, code before the change (%s): healthy after %.1f s, live heap %,d bytes",
                             BASELINE, emptyToday.startSeconds(), emptyToday.heapAfterStart());
        }
        for (int size : SIZES) {
            Path dir = ROOT.resolve("scale-" + size);
            Properties loaded = load(dir, size);
            long steps = Long.parseLong(loaded.getProperty("steps"));
            BenchReport.line("%n### %,d steps, %,d journeys, %,d events (%s)%n", steps,
                             Long.parseLong(loaded.getProperty("journeys")), Long.parseLong(loaded.getProperty("events")),
                             loaded.getProperty("note"));
            NodeFigures today = null;
            if (BASELINE != null) {
                today = node(dir, "code before the change (reads the whole history at every start)", true, true,
                             true);
                report(today, emptyToday, steps);
            }
            for (int start = 1; start <= STARTS; start++) {
                boolean fromSnapshot = start > 1;
                NodeFigures node = node(dir, fromSnapshot ? "start " + start + " (snapshot as configured)"
                        : "start 1 (whole history read, snapshot ignored)", true, !fromSnapshot, false);
                report(node, empty, steps);
                if (today != null) {
                    BenchReport.line("  - against the code before the change: start **%.2f×**, heap per step "
                                             + "**%.2f×** (after the reads %.2f×), stages p50 **%.2f×** p99 **%.2f×**, "
                                             + "flow p50 **%.2f×** p99 **%.2f×**",
                                     node.startSeconds() / today.startSeconds(),
                                     perStep(node.heapAfterStart(), empty, steps)
                                             / perStep(today.heapAfterStart(), emptyToday, steps),
                                     perStep(node.heapAfterReads(), empty, steps)
                                             / perStep(today.heapAfterReads(), emptyToday, steps),
                                     percentile(node.stages(), 0.5) / percentile(today.stages(), 0.5),
                                     percentile(node.stages(), 0.99) / percentile(today.stages(), 0.99),
                                     percentile(node.flow(), 0.5) / percentile(today.flow(), 0.5),
                                     percentile(node.flow(), 0.99) / percentile(today.flow(), 0.99));
                }
            }
            BenchReport.line("- load average after: %s", loadAverage());
        }
    }

    private static double perStep(long heap, NodeFigures empty, long steps) {
        return (double) (heap - empty.heapAfterStart()) / steps;
    }

    private void report(NodeFigures node, NodeFigures empty, long steps) {
        BenchReport.line("- **%s**: healthy after **%.1f s** (%s); live heap %,d MB after start, %,d MB after the "
                                 + "reads; **%.0f bytes per step** after start (%.0f after the reads), an empty node's "
                                 + "heap subtracted; snapshot %,d bytes (%.1f bytes per step); stopped in %.1f s",
                         node.label(), node.startSeconds(), node.loadedLine(), node.heapAfterStart() >> 20,
                         node.heapAfterReads() >> 20,
                         (double) (node.heapAfterStart() - empty.heapAfterStart()) / steps,
                         (double) (node.heapAfterReads() - empty.heapAfterStart()) / steps, node.snapshotBytes(),
                         (double) node.snapshotBytes() / steps, node.stopSeconds());
        BenchReport.line("  - `stages?quarter=%s`: p50 **%.0f ms**, p99 **%.0f ms** (min %.0f, max %.0f)", QUARTER,
                         percentile(node.stages(), 0.5), percentile(node.stages(), 0.99), node.stages()[0],
                         node.stages()[node.stages().length - 1]);
        BenchReport.line("  - `flow?quarter=%s`: p50 **%.0f ms**, p99 **%.0f ms** (min %.0f, max %.0f)", QUARTER,
                         percentile(node.flow(), 0.5), percentile(node.flow(), 0.99), node.flow()[0],
                         node.flow()[node.flow().length - 1]);
        Matcher own = Pattern.compile("\"heapBytes\":(\\d+)").matcher(node.factsHealth());
        if (own.find()) {
            // The facts' own arrays, as they count them: the node's heap above also holds the embedded store's page
            // cache (up to cache-mb), which keeps what it last read, such as the snapshot's chunks.
            BenchReport.line("  - the facts' own heap (health `heapBytes`): %,d bytes, **%.0f bytes per step**",
                             Long.parseLong(own.group(1)), (double) Long.parseLong(own.group(1)) / steps);
        }
        BenchReport.line("  - journey facts health: `%s`", node.factsHealth());
        BenchReport.line("  - largest classes after start:%n```%n%s```", node.topClasses());
    }

    // ---- a node in its own JVM -----------------------------------------------------------------------------------

    private NodeFigures node(Path dir, String label, boolean read, boolean ignoreSnapshot, boolean baseline)
            throws Exception {
        int httpPort = freePort();
        int mongoPort = freePort();
        Files.createDirectories(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = classpath(baseline);
        List<String> command = new ArrayList<>(List.of(
                java, "-Xmx" + HEAP, "-cp", classpath, RevchainApplication.class.getName(),
                "--server.port=" + httpPort,
                "--revchain.mongodb.embedded.backend=h2",
                "--revchain.mongodb.embedded.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "--revchain.mongodb.embedded.port=" + mongoPort,
                "--revchain.mongodb.embedded.cache-mb=128",
                "--revchain.journey-facts.snapshot.load=" + !ignoreSnapshot));
        Path log = dir.resolve("node-" + System.currentTimeMillis() + ".log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHealthy(httpPort, process, log);
            double startSeconds = BenchReport.seconds(System.nanoTime() - t0);
            String loadedLine = loadedLine(log);
            Histogram afterStart = histogram(process.pid());
            double[] stages = new double[] {0};
            double[] flow = new double[] {0};
            if (read) {
                stages = latencies(httpPort, "/api/maps/scale/stages?quarter=" + QUARTER);
                flow = latencies(httpPort, "/api/maps/scale/flow?quarter=" + QUARTER);
            }
            Histogram afterReads = read ? histogram(process.pid()) : afterStart;
            String health = get(httpPort, "/actuator/health/journeyFacts").body();
            long snapshotBytes = snapshotBytes(mongoPort);
            long s0 = System.nanoTime();
            process.destroy();
            process.waitFor();
            double stopSeconds = BenchReport.seconds(System.nanoTime() - s0);
            return new NodeFigures(label, startSeconds, loadedLine, afterStart.bytes(), afterReads.bytes(),
                                   afterStart.top(), stages, flow, snapshotBytes, health, stopSeconds);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The test class path, or the same with the baseline build's classes instead of this build's. */
    private static String classpath(boolean baseline) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (!baseline) {
            return classpath;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.endsWith(Path.of("target", "classes"))) {
                entries.add(Path.of(BASELINE, "classes").toString());
            } else if (path.endsWith(Path.of("target", "test-classes"))) {
                entries.add(Path.of(BASELINE, "test-classes").toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private void awaitHealthy(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited early; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri(port, "/actuator/health")).build(),
                              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node did not become healthy; see " + log);
    }

    private static String loadedLine(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Journey facts loaded")).map(l -> l.replaceAll("^.*?(Journey facts)",
                                                                                               "$1"))
                        .findFirst().orElse("no 'Journey facts loaded' line");
        }
    }

    /** Live heap after a full GC, and the classes holding most of it. */
    private record Histogram(long bytes, String top) {
    }

    private static Histogram histogram(long pid) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                                                                                             .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Matcher total = Pattern.compile("Total\\s+(\\d+)\\s+(\\d+)").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no histogram total in: " + out);
        }
        StringBuilder top = new StringBuilder();
        out.lines().map(String::strip).filter(l -> l.matches("\\d+:.*")).limit(12)
           .forEach(l -> top.append(l).append('\n'));
        return new Histogram(Long.parseLong(total.group(2)), top.toString());
    }

    private double[] latencies(int port, String path) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get(port, path).statusCode()).isEqualTo(200);
        }
        double[] millis = new double[READS];
        for (int i = 0; i < READS; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(port, path);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }

    /** The facts' snapshot in the store, if the code writes one: the size its pointer names for the current one. */
    private static long snapshotBytes(int mongoPort) {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoDatabase database = client.getDatabase("revchain");
            for (String name : database.listCollectionNames()) {
                if (name.equals("journey_fact_snapshots")) {
                    Document pointer = database.getCollection(name).find(new Document("_id", "journey-facts"))
                                               .first();
                    Document current = pointer == null ? null : pointer.get("current", Document.class);
                    Object bytes = current == null ? null : current.get("bytes");
                    return bytes instanceof Number n ? n.longValue() : 0;
                }
            }
            return 0;
        }
    }

    // ---- the history ---------------------------------------------------------------------------------------------

    /** Writes {@code steps} steps of history into a new store under {@code dir}, unless a complete one is there. */
    private Properties load(Path dir, int steps) throws Exception {
        Path marker = dir.resolve("scale-history.properties");
        Properties done = new Properties();
        if (Files.exists(marker)) {
            try (var in = Files.newInputStream(marker)) {
                done.load(in);
            }
            return done;
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        long t0 = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RevchainApplication.class).run(
                "--server.port=0",
                "--revchain.mongodb.embedded.backend=h2",
                "--revchain.mongodb.embedded.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "--revchain.mongodb.embedded.cache-mb=256");
        long events;
        ScaleHistory history = new ScaleHistory(SEED);
        int written = 0;
        try {
            int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
            HttpResponse<String> map = http.send(HttpRequest.newBuilder(uri(port, "/api/maps/scale"))
                                                            .header("Authorization", ADMIN)
                                                            .header("Content-Type", "application/json")
                                                            .PUT(HttpRequest.BodyPublishers.ofString(ScaleHistory.MAP))
                                                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(map.statusCode()).as(map.body()).isEqualTo(200);
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            context.getBean("journeyFactIndex", SmartLifecycle.class).stop();
            MongoEventStorageEngine engine = context.getBean(MongoEventStorageEngine.class);

            // The first journeys through the intake itself; they fix the aggregate type and show the direct path
            // stores the same events.
            List<StepRequest> sample = new ArrayList<>();
            for (int j = 0; j < SAMPLE_JOURNEYS; j++) {
                sample.addAll(history.next());
            }
            context.getBean(StepIngestion.class).ingest(sample, TestActors.RECORDER);
            written += sample.size();
            String aggregateType = checkAgainstIntake(engine, sample);

            List<StepRequest> batch = new ArrayList<>();
            while (written < steps) {
                batch.addAll(history.next());
                if (batch.size() >= COMMIT_EVENTS || written + batch.size() >= steps) {
                    engine.appendEvents(messages(IntakeEvents.of(batch), aggregateType, TestActors.RECORDER));
                    written += batch.size();
                    batch = new ArrayList<>();
                }
            }
            events = engine.headSequence();
            TokenStore tokens = context.getBean(TokenStore.class);
            TrackingToken head = engine.createHeadToken();
            for (String name : processing.eventProcessors().keySet()) {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(head, name, segment);
                    tokens.releaseClaim(name, segment);
                }
            }
        } finally {
            context.close();
        }
        done.setProperty("steps", Integer.toString(written));
        done.setProperty("journeys", Integer.toString(history.journeys()));
        done.setProperty("events", Long.toString(events));
        done.setProperty("note", "written in %.0f s by this harness, seed %d".formatted(
                BenchReport.seconds(System.nanoTime() - t0), SEED));
        Files.createDirectories(dir);
        try (var out = Files.newOutputStream(marker)) {
            done.store(out, "ScaleBenchmark history");
        }
        return done;
    }

    /** The sample's stored events equal the ones built for the direct path; answers their aggregate type. */
    private static String checkAgainstIntake(MongoEventStorageEngine engine, List<StepRequest> sample) {
        String aggregateType = null;
        for (IntakeEvents.JourneyEvents journey : IntakeEvents.of(sample)) {
            List<Object> stored = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            var stream = engine.readEvents("journey:" + journey.journeyId());
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                stored.add(event.getPayload());
                sequences.add(event.getSequenceNumber());
                aggregateType = event.getType();
                assertThat(event.getMetaData()).containsKeys(Actor.ID, Actor.NAME, "traceId", "correlationId");
            }
            assertThat(stored).as("events of %s", journey.journeyId()).isEqualTo(new ArrayList<>(journey.events()));
            assertThat(sequences.get(0)).isZero();
        }
        assertThat(aggregateType).isEqualTo("Journey");
        return aggregateType;
    }

    /** One commit's messages as the intake's unit of work appends them: one command per journey. */
    private static List<EventMessage<?>> messages(List<IntakeEvents.JourneyEvents> journeys, String aggregateType,
                                                  Actor actor) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (IntakeEvents.JourneyEvents journey : journeys) {
            String command = UUID.randomUUID().toString();
            Map<String, Object> metaData = new HashMap<>(actor.metaData());
            metaData.put(MessageOriginProvider.getDefaultTraceKey(), command);
            metaData.put(MessageOriginProvider.getDefaultCorrelationKey(), command);
            long sequence = 0;
            for (JourneyEvent event : journey.events()) {
                messages.add(new GenericDomainEventMessage<>(aggregateType, "journey:" + journey.journeyId(),
                                                             sequence++, event, MetaData.from(metaData)));
            }
        }
        return messages;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).header("Authorization", ADMIN).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.revchain.system.eventstore.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the service as a separate process on the persistent H2 backend and kills it with SIGKILL. */
class CrashRecoveryTest {

    private static final int COMMANDS = 120;
    /** The admin of src/test/resources/application.properties, which the service process reads too. */
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "admin:test-admin-password-not-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void killDashNine_afterAcknowledgedCommands_losesNothingAndDoublesNothing() throws Exception {
        int httpPort = freePort();
        int mongoPort = freePort();
        Process first = start(httpPort, mongoPort, "first.log");
        try {
            awaitHealthy(httpPort, first);
            for (int i = 0; i < COMMANDS; i++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/probe/tallies/k-" + (i % 10)
                                                                  + "?amount=1"))
                                   .header("Authorization", ADMIN)
                                   .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = start(httpPort, mongoPort, "second.log");
        try {
            awaitHealthy(httpPort, second);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                MongoDatabase database = client.getDatabase("revchain");
                assertThat(database.getCollection("events").countDocuments(Filters.eq("aggregateType", "Tally")))
                        .isEqualTo(COMMANDS);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (projectedEvents(database) < COMMANDS && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(projectedEvents(database)).isEqualTo(COMMANDS);
                for (Document total : database.getCollection("probe_totals").find(Filters.regex("_id", "^k-"))) {
                    assertThat(total.getInteger("total")).as(total.toJson()).isEqualTo(COMMANDS / 10);
                }
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static long projectedEvents(MongoDatabase database) {
        long sum = 0;
        for (Document total : database.getCollection("probe_totals").find(Filters.regex("_id", "^k-"))) {
            sum += total.getInteger("events");
        }
        return sum;
    }

    private Process start(int httpPort, int mongoPort, String logName) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java, "-Xmx512m", "-cp", classpath, "io.revchain.RevchainApplication",
                "--spring.profiles.active=probe",
                "--server.port=" + httpPort,
                "--revchain.mongodb.embedded.backend=h2",
                "--revchain.mongodb.embedded.data-dir=" + dataDir.resolve("data"),
                "--revchain.mongodb.embedded.port=" + mongoPort));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(logName).toFile())
                .start();
    }

    private void awaitHealthy(int httpPort, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited early:\n" + log(process));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service did not become healthy:\n" + log(process));
    }

    private String log(Process process) throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                out.append(Files.readString(file));
            }
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

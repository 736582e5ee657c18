package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.revchain.ServiceProcess;
import io.revchain.StoredEvents;
import io.revchain.bench.RealisticJourneys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import job makes its steps durable at its own checkpoints, not after every intake call (issue 13): the service
 * runs as a separate process on the persistent H2 store, is killed with SIGKILL while an import is between two
 * checkpoints, started again, and the same file imported again. Every step must then be stored exactly once, in the
 * event store and in the BI read models, and nothing the job had made durable may be missing after the crash.
 */
class ImportCrashRecoveryTest {

    private static final int CHECKPOINT = 2_000;
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    @TempDir
    Path dir;

    @Test
    void importKilledBetweenCheckpoints_thenRunAgain_storesEveryStepExactlyOnce() throws Exception {
        Path file = dir.resolve("history.xes");
        long steps = RealisticJourneys.writeXes(file, "K-", 2_000, 11);
        int mongoPort = ServiceProcess.freePort();
        int httpPort = ServiceProcess.freePort();
        String[] arguments = {"--revchain.mongodb.embedded.backend=h2",
                              "--revchain.mongodb.embedded.data-dir=" + dir.resolve("data"),
                              "--revchain.mongodb.embedded.port=" + mongoPort,
                              "--revchain.import.checkpoint-steps=" + CHECKPOINT};

        long durableAtKill;
        long acceptedAtKill;
        try (ServiceProcess first = ServiceProcess.start(httpPort, dir.resolve("first.log"), arguments)) {
            first.awaitHealthy(Duration.ofSeconds(120));
            assertThat(first.put("/api/maps/" + RealisticJourneys.MAP_ID, RealisticJourneys.MAP_JSON).statusCode())
                    .isEqualTo(200);
            String job = startImport(first, file);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                String view = first.get(job).body();
                long durable = number(view, "stepsDurable");
                long accepted = number(view, "accepted");
                assertThat(status(view)).as("the import ended before it could be killed: %s", view)
                                        .isIn("QUEUED", "RUNNING");
                // Past a checkpoint, and well into the next stretch: the steps since then are not yet durable.
                if (durable >= CHECKPOINT && accepted - durable >= CHECKPOINT / 4) {
                    first.kill();
                    durableAtKill = durable;
                    acceptedAtKill = accepted;
                    break;
                }
                assertThat(System.nanoTime()).as("import progress: %s", view).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        assertThat(acceptedAtKill).isLessThan(steps);
        System.out.printf("Import killed with %d of %d steps accepted, %d of them durable (checkpoints every %d)%n",
                          acceptedAtKill, steps, durableAtKill, CHECKPOINT);

        try (ServiceProcess second = ServiceProcess.start(httpPort, dir.resolve("second.log"), arguments);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            second.awaitHealthy(Duration.ofSeconds(120));
            MongoDatabase database = client.getDatabase("revchain");
            long survived = journeyEvents(database);
            System.out.printf("After the restart %d steps are stored; running the import again%n", survived);
            assertThat(survived).as("every step the job had made durable").isGreaterThanOrEqualTo(durableAtKill);

            String job = startImport(second, file);
            String done = awaitEnd(second, job);
            assertThat(status(done)).as(done).isEqualTo("COMPLETED");
            assertThat(number(done, "accepted") + number(done, "duplicates")).isEqualTo(steps);
            assertThat(number(done, "duplicates")).isGreaterThanOrEqualTo(durableAtKill);
            assertThat(number(done, "stepsDurable")).isEqualTo(steps);

            assertThat(journeyEvents(database)).isEqualTo(steps);
            Set<String> stepIds = new HashSet<>();
            for (Document event : database.getCollection("events").find(StoredEvents.ofAggregatesPrefixed("journey:"))) {
                assertThat(stepIds.add(event.get("payload", Document.class).getString("stepId")))
                        .as("step stored twice: %s", event.toJson()).isTrue();
            }
            assertThat(stepIds).hasSize((int) steps);

            long readModelDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (readModelSteps(database) < steps && System.nanoTime() < readModelDeadline) {
                Thread.sleep(200);
            }
            assertThat(readModelSteps(database)).isEqualTo(steps);
            long counted = 0;
            for (Document journey : database.getCollection("journeys_g1").find()) {
                counted += journey.getInteger("stepCount");
            }
            assertThat(counted).isEqualTo(steps);
        }
    }

    private static long journeyEvents(MongoDatabase database) {
        return database.getCollection("events").countDocuments(StoredEvents.ofAggregatesPrefixed("journey:"));
    }

    private static long readModelSteps(MongoDatabase database) {
        return database.getCollection("journey_steps_g1").countDocuments();
    }

    /** Uploads the file with the benchmark's XES mapping; answers the job's path. */
    private static String startImport(ServiceProcess service, Path file) throws Exception {
        String boundary = "----revchain-" + System.nanoTime();
        List<byte[]> body = new ArrayList<>();
        body.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                  + "Content-Type: application/json\r\n\r\n" + RealisticJourneys.XES_MAPPING + "\r\n--" + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"history.xes\"\r\n"
                  + "Content-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.add(Files.readAllBytes(file));
        body.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = service.send(
                service.request("/api/imports").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                       .POST(HttpRequest.BodyPublishers.ofByteArrays(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String awaitEnd(ServiceProcess service, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            String view = service.get(job).body();
            if (!List.of("QUEUED", "RUNNING").contains(status(view))) {
                return view;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not end: " + service.get(job).body());
    }

    private static String status(String view) {
        Matcher matcher = STATUS.matcher(view);
        assertThat(matcher.find()).as(view).isTrue();
        return matcher.group(1);
    }

    private static long number(String view, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(\\d+)").matcher(view);
        assertThat(matcher.find()).as("%s in %s", field, view).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}

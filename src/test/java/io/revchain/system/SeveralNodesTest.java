package io.revchain.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.revchain.ServiceProcess;
import io.revchain.StoredEvents;
import io.revchain.bench.RealisticJourneys;
import io.revchain.step.StepRequest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes, one store (issue 13): three service processes on one MongoDB (an embedded server in this JVM, which
 * they reach by URI) share the projections' segments; one node is killed with SIGKILL while steps are recorded
 * through all of them; the others claim its segments within the claim timeout, and the read models hold every step
 * exactly once, as does each surviving node's own in-memory facts.
 */
class SeveralNodesTest {

    private static final int SEGMENTS = 4;
    /** Axon's claim timeout in MongoTokenStore (10 s), plus the coordinators' next claim round and a margin. */
    private static final Duration RECLAIM_WITHIN = Duration.ofSeconds(25);
    private static final String PROCESSOR = "flow-read-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void threeNodesShareTheSegments_andWhenOneIsKilled_theOthersTakeItsSegments_losingAndDoublingNothing()
            throws Exception {
        EmbeddedMongo store = EmbeddedMongo.start(
                new MongoProperties.Embedded("h2", dir.resolve("store").toString(), null, 0, null));
        List<ServiceProcess> nodes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            String[] arguments = {"--revchain.mongodb.uri=" + store.connectionString(),
                                  "--revchain.projections.segments=" + SEGMENTS,
                                  // (3 - 1) nodes × 2 segments: the two left after a failure hold all four.
                                  "--revchain.projections.max-segments-per-node=2"};
            for (int i = 0; i < 3; i++) {
                nodes.add(ServiceProcess.start(ServiceProcess.freePort(), dir.resolve("node-" + i + ".log"),
                                               arguments));
            }
            for (ServiceProcess node : nodes) {
                node.awaitHealthy(Duration.ofSeconds(180));
            }
            Map<String, String> claims = awaitAllClaimed(nodes.get(0), Set.of(owner(nodes.get(0)),
                    owner(nodes.get(1)), owner(nodes.get(2))), Duration.ofSeconds(60));
            assertThat(new HashSet<>(claims.values())).as("segments held by %s", claims).hasSizeGreaterThan(1);
            assertThat(nodes.get(0).put("/api/maps/" + RealisticJourneys.MAP_ID, RealisticJourneys.MAP_JSON)
                            .statusCode()).isEqualTo(200);

            // The node holding the most segments is the one to kill.
            ServiceProcess victim = nodes.stream().max((a, b) -> Long.compare(
                    claims.values().stream().filter(owner(a)::equals).count(),
                    claims.values().stream().filter(owner(b)::equals).count())).orElseThrow();
            List<ServiceProcess> survivors = nodes.stream().filter(n -> n != victim).toList();

            Random random = new Random(5);
            Map<String, List<StepRequest>> journeys = new HashMap<>();
            List<List<StepRequest>> batches = new ArrayList<>();
            for (int j = 0; j < 400; j++) {
                List<StepRequest> steps = RealisticJourneys.journey(random, "N-" + j);
                journeys.put("N-" + j, steps);
                batches.add(steps);
            }
            long total = journeys.values().stream().mapToLong(List::size).sum();

            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                // The first half through all three nodes, then the victim dies while the rest keeps coming.
                post(writers, nodes, batches.subList(0, 200), survivors);
                List<Future<?>> second = postAsync(writers, nodes, batches.subList(200, 400), survivors);
                Thread.sleep(300);
                long killedAt = System.nanoTime();
                victim.kill();
                for (Future<?> batch : second) {
                    batch.get();
                }
                Map<String, String> after = awaitAllClaimed(survivors.get(0),
                        Set.of(owner(survivors.get(0)), owner(survivors.get(1))), RECLAIM_WITHIN);
                double reclaimSeconds = (System.nanoTime() - killedAt) / 1e9;
                System.out.printf("Segments of %s (pid %d) claimed by the others %.1f s after SIGKILL: %s%n",
                                  PROCESSOR, victim.pid(), reclaimSeconds, after);
                assertThat(after.values()).doesNotContain(owner(victim));
            } finally {
                writers.shutdownNow();
            }

            MongoDatabase database = client.getDatabase("revchain");
            assertThat(database.getCollection("events").countDocuments(StoredEvents.ofAggregatesPrefixed("journey:")))
                    .isEqualTo(total);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (database.getCollection("journey_steps_g1").countDocuments() < total
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            Set<String> stepIds = new HashSet<>();
            for (Document row : database.getCollection("journey_steps_g1").find()) {
                assertThat(stepIds.add(row.getString("journeyId") + "/" + row.getString("stepId")))
                        .as("step row twice: %s", row.toJson()).isTrue();
            }
            assertThat(stepIds).hasSize((int) total);
            long counted = 0;
            for (Document journey : database.getCollection("journeys_g1").find()) {
                counted += journey.getInteger("stepCount");
                assertThat(journey.getInteger("stepCount"))
                        .isEqualTo(journeys.get(journey.getString("journeyId")).size());
            }
            assertThat(counted).isEqualTo(total);

            // Each surviving node answers from its own facts: every journey entered the first stage once.
            for (ServiceProcess node : survivors) {
                JsonNode lead = awaitLeadStage(node, journeys.size());
                assertThat(lead.get("entered").asLong()).isEqualTo(journeys.size());
            }
        } finally {
            for (ServiceProcess node : nodes) {
                node.close();
            }
            store.close();
        }
    }

    private static String owner(ServiceProcess node) {
        return node.pid() + "@";
    }

    /** Posts the batches round-robin over the nodes and waits; a batch whose node died goes to a survivor. */
    private static void post(ExecutorService writers, List<ServiceProcess> nodes, List<List<StepRequest>> batches,
                             List<ServiceProcess> survivors) throws Exception {
        for (Future<?> batch : postAsync(writers, nodes, batches, survivors)) {
            batch.get();
        }
    }

    private static List<Future<?>> postAsync(ExecutorService writers, List<ServiceProcess> nodes,
                                             List<List<StepRequest>> batches, List<ServiceProcess> survivors) {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            ServiceProcess node = nodes.get(i % nodes.size());
            String body = RealisticJourneys.json(batches.get(i));
            ServiceProcess fallback = survivors.get(i % survivors.size());
            futures.add(writers.submit(() -> {
                HttpResponse<String> response;
                try {
                    response = node.post("/api/steps", body);
                } catch (IOException nodeGone) {
                    // Steps are idempotent: what the dead node stored counts as duplicates here.
                    response = fallback.post("/api/steps", body);
                }
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return null;
            }));
        }
        return futures;
    }

    /**
     * Until every segment of the processor is claimed by one of {@code owners} (pid prefixes), as the node's health
     * shows it; answers segment → owner.
     */
    private static Map<String, String> awaitAllClaimed(ServiceProcess node, Set<String> owners, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, String> claims = Map.of();
        while (System.nanoTime() < deadline) {
            claims = claims(node);
            if (claims.size() == SEGMENTS && claims.values().stream()
                    .allMatch(owner -> owner != null && owners.stream().anyMatch(owner::startsWith))) {
                Map<String, String> byPid = new HashMap<>();
                claims.forEach((segment, owner) -> byPid.put(segment, owner.substring(0, owner.indexOf('@') + 1)));
                return byPid;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("segments of " + PROCESSOR + " not all claimed by " + owners + " within " + within
                                 + ": " + claims);
    }

    private static Map<String, String> claims(ServiceProcess node) throws Exception {
        JsonNode health = JSON.readTree(node.get("/actuator/health").body());
        Map<String, String> claims = new HashMap<>();
        for (JsonNode segment : health.path("components").path("eventStore").path("details").path("processors")
                                      .path(PROCESSOR).path("segments")) {
            claims.put(segment.get("segment").asText(),
                       segment.get("claimedBy").isNull() ? null : segment.get("claimedBy").asText());
        }
        return claims;
    }

    private static JsonNode awaitLeadStage(ServiceProcess node, int journeys) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode lead = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = node.get("/api/maps/" + RealisticJourneys.MAP_ID
                    + "/stages?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z");
            if (response.statusCode() == 200) {
                for (JsonNode stage : JSON.readTree(response.body())) {
                    if (stage.get("stageId").asText().equals("lead")) {
                        lead = stage;
                    }
                }
                if (lead != null && lead.get("entered").asLong() == journeys) {
                    return lead;
                }
            }
            Thread.sleep(250);
        }
        return lead;
    }
}

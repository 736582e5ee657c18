package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One application context for the read-model tests: in-memory MongoDB, real Axon, real HTTP. */
// A context of its own: a rebuild replays the whole store, which other test classes fill with thousands of events.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"revchain.mongodb.embedded.backend=memory", "spring.application.name=revchain-read-models"})
@AutoConfigureWebTestClient
abstract class ReadModelTestSupport {

    @Autowired
    WebTestClient http;
    @Autowired
    MongoDatabase database;
    @Autowired
    Generations generations;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> stage(String id, String name, String owner, String enteredOn, Integer slaHours) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stageId", id);
        stage.put("name", name);
        stage.put("owner", owner);
        stage.put("enteredOn", List.of(enteredOn));
        stage.put("slaHours", slaHours);
        return stage;
    }

    void putMap(String mapId, List<Map<String, Object>> stages) {
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Funnel " + mapId, "stages", stages, "handoffs", List.of()))
            .exchange().expectStatus().isOk();
    }

    static Map<String, Object> step(String journeyId, String stepId, String type, String occurredAt,
                                    Map<String, String> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", stepId);
        step.put("type", type);
        step.put("occurredAt", occurredAt);
        step.put("journeyId", journeyId);
        step.put("attributes", attributes);
        return step;
    }

    void post(Map<String, Object>... steps) {
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(List.of(steps))
            .exchange().expectStatus().isOk();
    }

    List<Document> all(Generation generation, String base) {
        List<Document> documents = database.getCollection(generation.collection(base)).find().into(new ArrayList<>());
        documents.sort(Comparator.comparing(d -> d.getString("_id")));
        return documents;
    }

    List<Document> visits(String mapId, String journeyId) {
        List<Document> visits = database.getCollection(generations.active().collection(Generation.STAGE_VISITS))
                                        .find(Filters.and(Filters.eq("mapId", mapId),
                                                          Filters.eq("journeyId", journeyId)))
                                        .into(new ArrayList<>());
        visits.sort(Comparator.comparing(d -> d.getInteger("visitIndex")));
        return visits;
    }

    Document byId(Generation generation, String base, String id) {
        return database.getCollection(generation.collection(base)).find(Filters.eq("_id", id)).first();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the live projection has handled the last event in the store. */
    void awaitProjectionCaughtUp() {
        Document last = database.getCollection("events").find(Filters.ne("tombstone", true))
                                .sort(Sorts.descending("_id")).first();
        long head = last == null ? 0 : last.get("_id", Number.class).longValue();
        StreamingEventProcessor processor = processing.eventProcessor(FlowReadModelProjection.GROUP,
                                                                      StreamingEventProcessor.class).orElseThrow();
        await("the read-model projection to reach event " + head, () -> processor.processingStatus().values()
                .stream().map(EventTrackerStatus::getCurrentPosition)
                .allMatch(p -> p.isPresent() && p.getAsLong() >= head)
                && !processor.processingStatus().isEmpty());
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static void assertVisit(Document visit, String stageId, String entered, String exited, String next,
                            Double hours, String state) {
        assertThat(visit.getString("stageId")).as("stageId of %s", visit.get("_id")).isEqualTo(stageId);
        assertThat(instant(visit, "enteredAt")).as("enteredAt of %s", visit.get("_id"))
                                              .isEqualTo(Instant.parse(entered));
        assertThat(instant(visit, "exitedAt")).as("exitedAt of %s", visit.get("_id"))
                                             .isEqualTo(exited == null ? null : Instant.parse(exited));
        assertThat(visit.getString("nextStage")).as("nextStage of %s", visit.get("_id")).isEqualTo(next);
        assertThat(visit.getDouble("durationHours")).as("durationHours of %s", visit.get("_id")).isEqualTo(hours);
        assertThat(visit.getString("state")).as("state of %s", visit.get("_id")).isEqualTo(state);
    }
}

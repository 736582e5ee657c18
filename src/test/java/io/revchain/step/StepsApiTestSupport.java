package io.revchain.step;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import com.mongodb.client.MongoDatabase;
import io.revchain.TestSteps;
import io.revchain.map.DeclaredStepTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One application context for all step API tests: embedded in-memory MongoDB, real Axon, real HTTP. A real map
 * declares the custom type {@code DemoHeld} and the currency EUR; the map feature's {@link DeclaredStepTypes} is
 * spied on to see which thread the intake asks from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
abstract class StepsApiTestSupport {

    static final String CUSTOM_TYPE = "DemoHeld";

    @MockitoSpyBean
    DeclaredStepTypes declaredStepTypes;

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoDatabase database;

    /** Threads that asked whether a type is declared: the intake's thread. */
    final List<String> intakeThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void declareCustomType() {
        // A real map declares the custom type; the spy only notes which thread asked.
        client.put().uri("/api/maps/steps-api-custom-types").contentType(MediaType.APPLICATION_JSON)
              .bodyValue(Map.of("name", "Custom step types for the intake tests", "currency", "EUR", "stages", List.of(
                      Map.of("stageId", "demo", "name", "Demo", "owner", "SALES", "enteredOn", List.of(CUSTOM_TYPE)))))
              .exchange().expectStatus().isOk();
        doAnswer(call -> {
            intakeThreads.add(Thread.currentThread().getName());
            return call.callRealMethod();
        }).when(declaredStepTypes).isDeclared(anyString());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> step(String stepId, String type, String occurredAt, String idField, String id,
                                    Object... attributes) {
        return TestSteps.step(stepId, type, occurredAt, idField, id, attributes);
    }

    static Map<String, Object> journeyStep(String stepId, String type, String occurredAt, String journeyId,
                                           Object... attributes) {
        return step(stepId, type, occurredAt, "journeyId", journeyId, attributes);
    }

    WebTestClient.ResponseSpec post(Object body) {
        return client.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.BodyContentSpec postAccepted(Object body, int accepted, int duplicates) {
        return post(body).expectStatus().isOk()
                         .expectBody()
                         .jsonPath("$.accepted").isEqualTo(accepted)
                         .jsonPath("$.duplicates").isEqualTo(duplicates);
    }

    WebTestClient.BodyContentSpec postRejected(Object body) {
        return post(body).expectStatus().isBadRequest()
                         .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                         .expectBody();
    }

    List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(aggregateId).forEachRemaining(events::add);
        return events;
    }

    List<String> eventTypes(String aggregateId) {
        return events(aggregateId).stream().map(e -> e.getPayloadType().getSimpleName()).toList();
    }

    long storedEventDocuments() {
        return database.getCollection("events").countDocuments();
    }
}

package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.revchain.StoredEvents;
import io.revchain.map.MapDocuments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Proposing and accepting definitions and completing action items act as the caller's own function and name, and
 * every change says who made it: in the answers, in the history and in the events' metadata.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class FunctionBoundActionsTest {

    @Autowired
    WebTestClient admin;
    @Autowired
    MongoDatabase database;

    WebTestClient ana;
    WebTestClient bo;
    String mapId;

    @BeforeEach
    void mapAndPeople() {
        ana = TestPrincipals.user(admin, "ana", "Ana", "MARKETING", "facilitator");
        bo = TestPrincipals.user(admin, "bo", "Bo", "SALES", "facilitator");
        mapId = "m-" + UUID.randomUUID().toString().substring(0, 8);
        admin.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON)
             .bodyValue(MapDocuments.request()).exchange().expectStatus().isOk();
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String uri, Object body, Object... vars) {
        return client.post().uri(uri, vars).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static void forbidden(WebTestClient.ResponseSpec response, String rule) {
        response.expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo(rule)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith(rule + ":"));
    }

    @Test
    void salesUserCannotProposeOrAcceptAsMarketing_andTheAgreementShowsWhoProposedAndWhoAccepted() {
        forbidden(post(bo, "/api/maps/{id}/definitions",
                       Map.of("term", "MQL", "text", "score >= 60", "function", "MARKETING"), mapId),
                  "acts-as-own-function");
        forbidden(post(bo, "/api/maps/{id}/definitions", Map.of("term", "MQL", "text", "score >= 60", "by", "Ana"),
                       mapId),
                  "acts-as-self");
        forbidden(post(admin, "/api/maps/{id}/definitions", Map.of("term", "MQL", "text", "score >= 60"), mapId),
                  "function-required");

        post(ana, "/api/maps/{id}/definitions", Map.of("term", "MQL", "text", "score >= 60"), mapId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.proposedBy").isEqualTo("MARKETING")
                .jsonPath("$.proposedByPerson").isEqualTo("Ana")
                .jsonPath("$.proposedByPrincipal.id").isEqualTo("user:ana");

        forbidden(post(bo, "/api/maps/{id}/definitions/MQL/accept", Map.of("function", "MARKETING"), mapId),
                  "acts-as-own-function");
        post(ana, "/api/maps/{id}/definitions/MQL/accept", Map.of(), mapId)
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].reason").value(reason -> assertThat(reason.toString())
                        .startsWith("definition-agreed-by-other-function:"));

        post(bo, "/api/maps/{id}/definitions/MQL/accept", Map.of("function", "sales"), mapId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("AGREED")
                .jsonPath("$.agreedBy").isEqualTo("SALES")
                .jsonPath("$.agreedByPerson").isEqualTo("Bo")
                .jsonPath("$.agreedByPrincipal.id").isEqualTo("user:bo")
                .jsonPath("$.agreedByPrincipal.function").isEqualTo("SALES")
                .jsonPath("$.proposedByPrincipal.id").isEqualTo("user:ana");

        admin.get().uri("/api/maps/{id}/versions", mapId).exchange().expectStatus().isOk().expectBody()
             .jsonPath("$[0].recordedBy.id").isEqualTo("user:admin")
             .jsonPath("$[1].recordedBy.id").isEqualTo("user:ana")
             .jsonPath("$[1].recordedBy.function").isEqualTo("MARKETING")
             .jsonPath("$[2].recordedBy.id").isEqualTo("user:bo");
        admin.get().uri("/api/maps/{id}/versions/2", mapId).exchange().expectBody()
             .jsonPath("$.recordedBy.name").isEqualTo("Ana");

        List<Document> events = database.getCollection("events")
                                        .find(StoredEvents.ofAggregate("map:" + mapId)).sort(Sorts.ascending("_id"))
                                        .into(new java.util.ArrayList<>());
        assertThat(events).extracting(e -> e.get("metaData", Document.class).getString("principalId"))
                          .containsExactly("user:admin", "user:ana", "user:bo");
        assertThat(events.get(2).get("metaData", Document.class).getString("principalFunction")).isEqualTo("SALES");
    }

    @Test
    void actionItemIsCompletedOnlyByTheFunctionThatOwesIt_andEachChangeSaysWhoMadeIt() {
        String sessionId = "s-" + UUID.randomUUID().toString().substring(0, 8);
        post(admin, "/api/sessions", Map.of("sessionId", sessionId, "mapId", mapId, "facilitator", "Fay",
                                            "participants", List.of(Map.of("name", "Ana", "function", "MARKETING"),
                                                                    Map.of("name", "Bo", "function", "SALES"))))
                .expectStatus().isOk();
        post(ana, "/api/sessions/{id}/decisions", Map.of("text", "MQL needs a budget"), sessionId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.recordedBy.id").isEqualTo("user:ana");
        post(admin, "/api/sessions/{id}/action-items", Map.of("itemId", "a1", "text", "rewrite MQL criteria",
                                                               "owner", "Ana", "due", "2999-01-31"), sessionId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.assignedBy.id").isEqualTo("user:admin");

        forbidden(post(bo, "/api/sessions/{id}/action-items/a1/complete", Map.of(), sessionId),
                  "action-item-own-function");
        forbidden(post(admin, "/api/sessions/{id}/action-items/a1/complete", Map.of(), sessionId),
                  "function-required");
        forbidden(post(ana, "/api/sessions/{id}/action-items/a1/complete", Map.of("function", "SALES"), sessionId),
                  "acts-as-own-function");

        post(ana, "/api/sessions/{id}/action-items/a1/complete", Map.of("note", "in the wiki"), sessionId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DONE")
                .jsonPath("$.completedBy").isEqualTo("Ana")
                .jsonPath("$.completedByPrincipal.id").isEqualTo("user:ana");
        admin.get().uri("/api/sessions/{id}", sessionId).exchange().expectBody()
             .jsonPath("$.decisions[0].recordedBy.name").isEqualTo("Ana")
             .jsonPath("$.actionItems[0].assignedBy.id").isEqualTo("user:admin")
             .jsonPath("$.actionItems[0].completedByPrincipal.function").isEqualTo("MARKETING");
    }

    @Test
    void stepsAndImportedStepsCarryTheirCallerInEveryEvent_andTheImportJobSaysWhoStartedIt()
            throws InterruptedException {
        String key = TestPrincipals.apiKey(admin, "crm-webhook", "recorder");
        String keyId = key.substring(3, 15);
        WebTestClient webhook = TestPrincipals.withKey(WebTestClient.bindToServer()
                                                                    .baseUrl(baseUrl()).build(), key);
        String lead = "L-" + UUID.randomUUID().toString().substring(0, 8);
        webhook.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON)
               .bodyValue(List.of(Map.of("stepId", lead + "-c", "type", "LeadCaptured", "occurredAt", "2025-07-01",
                                         "journeyId", lead),
                                  Map.of("stepId", lead + "-q", "type", "LeadQualified", "occurredAt", "2025-07-02",
                                         "journeyId", lead)))
               .exchange().expectStatus().isOk();
        List<Document> events = database.getCollection("events").find(StoredEvents.ofAggregate("journey:" + lead))
                                        .into(new java.util.ArrayList<>());
        assertThat(events).hasSize(2)
                          .allSatisfy(e -> assertThat(e.get("metaData", Document.class))
                                  .containsEntry("principalId", "key:" + keyId)
                                  .containsEntry("principalName", "crm-webhook"));

        String imported = "I-" + UUID.randomUUID().toString().substring(0, 8);
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", "{\"mapId\": \"" + imported + "\", \"format\": \"csv\", \"journeyId\": \"lead\", "
                              + "\"rules\": [{\"type\": \"LeadCaptured\", \"at\": \"captured\"}]}",
                   MediaType.APPLICATION_JSON);
        parts.part("file", new ByteArrayResource(("lead,captured\n" + imported + "-1,2025-07-01\n" + imported
                                                  + "-2,2025-07-02\n").getBytes()) {
            @Override
            public String getFilename() {
                return "leads.csv";
            }
        });
        Map<?, ?> job = webhook.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                               .body(BodyInserters.fromMultipartData(parts.build())).exchange()
                               .expectStatus().isAccepted()
                               .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) job.get("startedBy")).get("id")).isEqualTo("key:" + keyId);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String status = "QUEUED";
        while ((status.equals("QUEUED") || status.equals("RUNNING")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = (String) webhook.get().uri("/api/imports/{id}", job.get("id")).exchange()
                                     .expectBody(Map.class).returnResult().getResponseBody().get("status");
        }
        assertThat(status).isEqualTo("COMPLETED");
        for (String journey : List.of(imported + "-1", imported + "-2")) {
            Document event = database.getCollection("events").find(StoredEvents.ofAggregate("journey:" + journey))
                                     .first();
            assertThat(event).as(journey).isNotNull();
            assertThat(event.get("metaData", Document.class).getString("principalId")).isEqualTo("key:" + keyId);
        }
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    private String baseUrl() {
        return "http://localhost:" + environment.getRequiredProperty("local.server.port");
    }
}

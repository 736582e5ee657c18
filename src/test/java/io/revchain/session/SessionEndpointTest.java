package io.revchain.session;

import static org.hamcrest.Matchers.startsWith;

import io.revchain.identity.TestPrincipals;
import io.revchain.map.MapDocuments;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class SessionEndpointTest {

    @Autowired
    WebTestClient http;

    String mapId;
    String sessionId;
    WebTestClient ana;

    @BeforeEach
    void defineMap() {
        ana = TestPrincipals.user(http, "ana", "Ana", "MARKETING", "facilitator");
        mapId = "m-" + UUID.randomUUID().toString().substring(0, 8);
        sessionId = "s-" + UUID.randomUUID().toString().substring(0, 8);
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(MapDocuments.request()).exchange().expectStatus().isOk();
    }

    WebTestClient.ResponseSpec post(String uri, Object body, Object... vars) {
        return post(http, uri, body, vars);
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String uri, Object body, Object... vars) {
        var request = client.post().uri(uri, vars);
        return body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    OpenSessionRequest openRequest() {
        return new OpenSessionRequest(sessionId, mapId, "Q3 handoff review", "Fay", List.of(
                new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Bo", "SALES")));
    }

    void open() {
        post("/api/sessions", openRequest()).expectStatus().isOk();
    }

    static void isProblem(WebTestClient.ResponseSpec response, int status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].reason").value(startsWith(rule + ":"));
    }

    @Test
    void fullSession_decisionsAndActionItems_completedAfterClose() {
        post("/api/sessions", openRequest()).expectStatus().isOk().expectBody()
                .jsonPath("$.sessionId").isEqualTo(sessionId)
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.participants[1].function").isEqualTo("SALES")
                .jsonPath("$.openedAt").exists();

        post("/api/sessions/{id}/decisions", new DecisionRequest(null, "Marketing owns MQL re-scoring", List.of(1L)),
             sessionId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.decisionId").isEqualTo("D1")
                .jsonPath("$.mapVersions[0]").isEqualTo(1);

        post("/api/sessions/{id}/action-items", new ActionItemRequest("a1", "rewrite MQL criteria", "Ana", null,
                                                                      "2020-01-31"), sessionId)
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.function").isEqualTo("MARKETING")
                .jsonPath("$.overdue").isEqualTo(true);
        post("/api/sessions/{id}/action-items", new ActionItemRequest("a2", "SAL SLA report", "Bo", "SALES",
                                                                      "2999-12-31"), sessionId)
                .expectStatus().isOk();

        post("/api/sessions/{id}/close", null, sessionId).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLOSED")
                .jsonPath("$.closedAt").exists();

        http.get().uri("/api/sessions/{id}", sessionId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.openActionItems").isEqualTo(List.of("a1", "a2"))
            .jsonPath("$.overdueActionItems").isEqualTo(List.of("a1"))
            .jsonPath("$.decisions[0].text").isEqualTo("Marketing owns MQL re-scoring");

        post(ana, "/api/sessions/{id}/action-items/{item}/complete", new CompleteActionItemRequest(null, "in wiki",
                                                                                                   null),
             sessionId, "a1")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DONE")
                .jsonPath("$.completedBy").isEqualTo("Ana")
                .jsonPath("$.completedLate").isEqualTo(true)
                .jsonPath("$.overdue").isEqualTo(false);
        post(ana, "/api/sessions/{id}/action-items/{item}/complete", null, sessionId, "a1").expectStatus().isOk();

        http.get().uri("/api/sessions/{id}", sessionId).exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.openActionItems").isEqualTo(List.of("a2"))
            .jsonPath("$.overdueActionItems").isEmpty()
            .jsonPath("$.actionItems[0].note").isEqualTo("in wiki");
    }

    @Test
    void openingTwiceWithTheSameBody_isIdempotent_withOtherDetails_is400() {
        open();
        post("/api/sessions", openRequest()).expectStatus().isOk();
        isProblem(post("/api/sessions", new OpenSessionRequest(sessionId, mapId, "other", "Fay",
                                                               openRequest().participants())),
                  400, "sessionId", "session-already-opened");
    }

    @Test
    void sessionWithoutSales_is400() {
        isProblem(post("/api/sessions", new OpenSessionRequest(sessionId, mapId, null, "Fay",
                                                               List.of(new ParticipantRequest("Ana", "MARKETING")))),
                  400, "participants", "session-joint");
    }

    @Test
    void sessionWithoutFacilitator_is400() {
        isProblem(post("/api/sessions", new OpenSessionRequest(sessionId, mapId, null, null,
                                                               openRequest().participants())),
                  400, "facilitator", "session-facilitator-required");
    }

    @Test
    void sessionOnAnUnknownMap_is400() {
        isProblem(post("/api/sessions", new OpenSessionRequest(sessionId, "no-such-map", null, "Fay",
                                                               openRequest().participants())),
                  400, "mapId", "session-map-known");
    }

    @Test
    void badParticipantFunction_is400() {
        isProblem(post("/api/sessions", new OpenSessionRequest(sessionId, mapId, null, "Fay", List.of(
                          new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Bo", "SALES"),
                          new ParticipantRequest("Cy", "CS")))),
                  400, "participants[2].function", "participant-function-valid");
    }

    @Test
    void decisionLinkingAMissingMapVersion_is400_emptyText_is400() {
        open();
        isProblem(post("/api/sessions/{id}/decisions", new DecisionRequest(null, "x", List.of(2L)), sessionId),
                  400, "mapVersions[0]", "decision-map-version-known");
        isProblem(post("/api/sessions/{id}/decisions", new DecisionRequest(null, "", null), sessionId),
                  400, "text", "decision-text-required");
    }

    @Test
    void decisionRetriedWithItsId_isRecordedOnce() {
        open();
        post("/api/sessions/{id}/decisions", new DecisionRequest("d1", "x", null), sessionId).expectStatus().isOk();
        post("/api/sessions/{id}/decisions", new DecisionRequest("d1", "x", null), sessionId).expectStatus().isOk();
        http.get().uri("/api/sessions/{id}", sessionId).exchange().expectBody()
            .jsonPath("$.decisions.length()").isEqualTo(1);
        isProblem(post("/api/sessions/{id}/decisions", new DecisionRequest("d1", "y", null), sessionId),
                  400, "decisionId", "decision-id-unique");
    }

    @Test
    void decisionsAndNewActionItemsAfterClose_are400() {
        open();
        post("/api/sessions/{id}/close", null, sessionId).expectStatus().isOk();
        isProblem(post("/api/sessions/{id}/decisions", new DecisionRequest(null, "late", null), sessionId),
                  400, "sessionId", "session-closed");
        isProblem(post("/api/sessions/{id}/action-items", new ActionItemRequest("a9", "late", "Ana", null,
                                                                                "2025-01-01"), sessionId),
                  400, "sessionId", "session-closed");
    }

    @Test
    void actionItemForANonParticipant_is400_badDueDate_is400() {
        open();
        isProblem(post("/api/sessions/{id}/action-items", new ActionItemRequest("a1", "x", "Zed", null,
                                                                                "2025-01-01"), sessionId),
                  400, "owner", "action-item-owner-participant");
        isProblem(post("/api/sessions/{id}/action-items", new ActionItemRequest("a1", "x", "Ana", null,
                                                                                "next week"), sessionId),
                  400, "due", "action-item-due-date");
    }

    @Test
    void unknownSessionOrItem_is404() {
        var unknown = http.get().uri("/api/sessions/{id}", sessionId).exchange();
        unknown.expectStatus().isNotFound()
               .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/sessions/{id}/decisions", new DecisionRequest(null, "x", null), sessionId)
                .expectStatus().isNotFound();
        post("/api/sessions/{id}/action-items", new ActionItemRequest("a1", "x", "Ana", null, "2025-01-01"),
             sessionId).expectStatus().isNotFound();
        post("/api/sessions/{id}/close", null, sessionId).expectStatus().isNotFound();
        post(ana, "/api/sessions/{id}/action-items/a1/complete", null, sessionId).expectStatus().isNotFound();

        open();
        post(ana, "/api/sessions/{id}/action-items/a1/complete", Map.of(), sessionId)
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(startsWith("action-item-known:"));
    }
}

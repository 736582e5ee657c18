package io.revchain.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.revchain.identity.TestPrincipals;
import io.revchain.map.MapDocuments;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/sessions}: a facilitator who lost a session's id finds it again by map and by status. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class SessionListTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient http;

    @Autowired
    MongoDatabase database;

    @Autowired
    EventProcessingConfiguration processing;

    String mapId;
    String otherMapId;

    @BeforeEach
    void defineMaps() {
        mapId = "list-" + UUID.randomUUID().toString().substring(0, 8);
        otherMapId = "list-" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : List.of(mapId, otherMapId)) {
            http.put().uri("/api/maps/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(MapDocuments.request()).exchange().expectStatus().isOk();
        }
    }

    private void open(String sessionId, String map) {
        http.post().uri("/api/sessions").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(new OpenSessionRequest(sessionId, map, "Review " + sessionId, "Fay", List.of(
                    new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Bo", "SALES"))))
            .exchange().expectStatus().isOk();
    }

    private void post(String uri, Object body) {
        var request = http.post().uri(uri);
        (body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                                                    .exchange()).expectStatus().isOk();
    }

    private List<Map<String, Object>> list(String query) {
        return http.get().uri("/api/sessions" + query).exchange().expectStatus().isOk()
                   .expectBody(ROWS).returnResult().getResponseBody();
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("sessionId")).toList();
    }

    @Test
    void listsSessionsNewestFirst_byMapAndByStatus() {
        String first = mapId + "-a";
        String second = mapId + "-b";
        String elsewhere = otherMapId + "-c";
        open(first, mapId);
        post("/api/sessions/" + first + "/decisions", Map.of("text", "MQL SLA 48h"));
        post("/api/sessions/" + first + "/action-items", Map.of("itemId", "i1", "text", "publish", "owner", "Ana",
                                                                "due", "2030-01-31"));
        post("/api/sessions/" + first + "/action-items", Map.of("itemId", "i2", "text", "report", "owner", "Bo",
                                                                "due", "2030-01-31"));
        // Completing is function-bound: the suite's admin acts for no function, a marketing facilitator does.
        TestPrincipals.user(http, "list-marketer", "Mia", "MARKETING", "facilitator")
                      .post().uri("/api/sessions/" + first + "/action-items/i1/complete").exchange()
                      .expectStatus().isOk();
        post("/api/sessions/" + first + "/close", null);
        open(second, mapId);
        open(elsewhere, otherMapId);

        List<Map<String, Object>> onMap = list("?mapId=" + mapId);
        assertThat(ids(onMap)).containsExactly(second, first);
        assertThat(onMap.get(1)).containsEntry("status", "CLOSED").containsEntry("title", "Review " + first)
                                .containsEntry("facilitator", "Fay").containsEntry("decisions", 1)
                                .containsEntry("actionItems", 2).containsEntry("openActionItems", 1);
        assertThat(onMap.get(1).get("closedAt")).isNotNull();
        assertThat(onMap.get(0)).containsEntry("status", "OPEN").containsEntry("closedAt", null)
                                .containsEntry("decisions", 0);
        assertThat(ids(list("?mapId=" + mapId + "&status=open"))).containsExactly(second);
        assertThat(ids(list("?mapId=" + mapId + "&status=CLOSED"))).containsExactly(first);
        assertThat(ids(list(""))).contains(first, second, elsewhere);
        assertThat(ids(list("?status=closed"))).contains(first).doesNotContain(second, elsewhere);
        assertThat(list("?mapId=no-such-map")).isEmpty();
        // The list and the session agree on when it opened.
        Map<?, ?> session = http.get().uri("/api/sessions/{id}", first).exchange().expectBody(Map.class)
                                .returnResult().getResponseBody();
        assertThat(onMap.get(1).get("openedAt")).isEqualTo(session.get("openedAt"));
    }

    @Test
    void listIsRebuiltWhenTheStoreIsReplayed() {
        String sessionId = mapId + "-replayed";
        open(sessionId, mapId);
        post("/api/sessions/" + sessionId + "/close", null);
        List<Map<String, Object>> before = list("?mapId=" + mapId);

        // Lose the index and replay the whole store, as after a restore from an event store backup.
        StreamingEventProcessor catchUp = processing.eventProcessor(SessionIndexProcessors.CATCH_UP,
                                                                    StreamingEventProcessor.class).orElseThrow();
        catchUp.shutDown();
        database.getCollection(SessionIndex.SESSIONS).drop();
        assertThat(list("?mapId=" + mapId)).isEmpty();
        catchUp.resetTokens();
        catchUp.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Map<String, Object>> after = list("?mapId=" + mapId);
        while (!after.equals(before) && System.nanoTime() < deadline) {
            sleep();
            after = list("?mapId=" + mapId);
        }
        assertThat(after).isEqualTo(before);
    }

    @Test
    void unknownStatusAndRepeatedOrUnknownParametersAreRefused() {
        for (String query : List.of("?status=pending", "?mapId=a&mapId=b", "?map=a")) {
            http.get().uri("/api/sessions" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

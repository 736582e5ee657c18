package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * History read under the definitions in force at the time, or under today's: a mapping session redefined "MQL" to
 * start at capture; the same journeys read differently under version 1 and version 2 of the map.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class DefinitionsInForceTest {

    @Autowired
    WebTestClient http;

    @Test
    void inForce_readsUnderTheVersionRecordedBeforeTheWindowEnd_currentUnderTodays() throws Exception {
        String mapId = "defs-" + UUID.randomUUID().toString().substring(0, 8);
        FlowApiSupport.putMap(http, mapId, Map.of("name", "Before", "stages", List.of(
                Map.of("stageId", "lead", "name", "Lead", "owner", "MARKETING", "enteredOn", List.of("LeadCaptured")),
                Map.of("stageId", "mql", "name", "MQL", "owner", "MARKETING", "enteredOn", List.of("LeadQualified")),
                Map.of("stageId", "sal", "name", "SAL", "owner", "SALES", "enteredOn", List.of("LeadAccepted")))));
        Instant now = Instant.now();
        FlowApiSupport.postSteps(http, List.of(
                step(mapId, "1", "LeadCaptured", now.minus(Duration.ofHours(3))),
                step(mapId, "2", "LeadQualified", now.minus(Duration.ofHours(2)))), 10);
        Thread.sleep(20);
        Instant betweenVersions = Instant.now();
        Thread.sleep(20);
        FlowApiSupport.putMap(http, mapId, Map.of("name", "After", "stages", List.of(
                Map.of("stageId", "mql", "name", "MQL", "owner", "MARKETING",
                       "enteredOn", List.of("LeadCaptured", "LeadQualified")),
                Map.of("stageId", "sal", "name", "SAL", "owner", "SALES", "enteredOn", List.of("LeadAccepted")))));
        String window = "from=" + now.minus(Duration.ofDays(1)) + "&to=" + betweenVersions + "&segment=" + mapId;

        List<Map<String, Object>> asThen = FlowApiSupport.awaitRows(http,
                "/api/maps/" + mapId + "/stages?definitions=inForce&" + window,
                rows -> rows.size() == 3 && FlowApiSupport.number(rows.get(1), "entered") == 1);
        List<Map<String, Object>> asNow = FlowApiSupport.rows(http, "/api/maps/" + mapId + "/stages?" + window);

        assertThat(asThen).extracting(r -> r.get("stageId")).containsExactly("lead", "mql", "sal");
        assertThat(FlowApiSupport.number(FlowApiSupport.find(asThen, "stageId", "lead"), "departures")).isEqualTo(1);
        assertThat(asNow).extracting(r -> r.get("stageId")).containsExactly("mql", "sal");
        // Under today's definition capture already is MQL: one entry, the later qualification is no new entry.
        Map<String, Object> mqlNow = FlowApiSupport.find(asNow, "stageId", "mql");
        assertThat(FlowApiSupport.number(mqlNow, "entered")).isEqualTo(1);
        assertThat(FlowApiSupport.number(mqlNow, "departures")).isZero();

        Map<String, Object> flow = http.get().uri("/api/maps/" + mapId + "/flow?definitions=inForce&" + window)
                                       .exchange().expectStatus().isOk()
                                       .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                                       .returnResult().getResponseBody();
        assertThat(((Map<?, ?>) flow.get("map")).get("version")).isEqualTo(1);
    }

    private static Map<String, Object> step(String journey, String n, String type, Instant at) {
        return Map.of("stepId", journey + "-" + n, "type", type, "occurredAt", at.toString(), "journeyId", journey,
                      "attributes", Map.of("segment", journey));
    }
}

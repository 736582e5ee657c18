package io.revchain.analytics.flow;

import static io.revchain.analytics.flow.FlowApiSupport.awaitRows;
import static io.revchain.analytics.flow.FlowApiSupport.find;
import static io.revchain.analytics.flow.FlowApiSupport.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The page's reads over HTTP: journeys behind a figure, one journey, and the what-if preview of a draft map.
 * <pre>
 * Q3 2025, map mql (MARKETING, SLA 48h) → sal (SALES) → won; journeys of this test's own segment:
 * J1 qualified 07-01, handed off, accepted 07-03 (mql 48 h), opportunity (no stage on this map), won 07-10
 * J2 qualified 07-02, handed off, accepted 07-06 (mql 96 h: over the SLA)
 * J3 qualified 09-30, still in mql at the end (24 h)
 * mql: entered 3, departures 2, over SLA 1. A draft with SLA 72 h: still 1 (J2); with SLA 100 h: none.
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class JourneyEndpointTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient http;

    private String mapId;
    private String segment;

    @BeforeEach
    void defineMapAndPostJourneys() {
        mapId = "drill-" + UUID.randomUUID().toString().substring(0, 8);
        segment = mapId;
        FlowApiSupport.putMap(http, mapId, map(48));
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(step("J1", "1", "LeadQualified", "2025-07-01T00:00:00Z"));
        steps.add(step("J1", "2", "LeadHandedOff", "2025-07-01T12:00:00Z"));
        steps.add(step("J1", "3", "LeadAccepted", "2025-07-03T00:00:00Z"));
        steps.add(step("J1", "4", "OpportunityOpened", "2025-07-04T00:00:00Z"));
        steps.add(step("J1", "5", "DealWon", "2025-07-10T00:00:00Z"));
        steps.add(step("J2", "1", "LeadQualified", "2025-07-02T00:00:00Z"));
        steps.add(step("J2", "2", "LeadHandedOff", "2025-07-02T12:00:00Z"));
        steps.add(step("J2", "3", "LeadAccepted", "2025-07-06T00:00:00Z"));
        steps.add(step("J3", "1", "LeadQualified", "2025-09-30T00:00:00Z"));
        FlowApiSupport.postSteps(http, steps, 100);
        awaitRows(http, "/api/maps/" + mapId + "/stages?quarter=2025-Q3&segment=" + segment,
                  rows -> number(find(rows, "stageId", "mql"), "entered") == 3
                          && number(find(rows, "stageId", "sal"), "entered") == 2);
    }

    @Test
    void journeysBehindAStageFigureMatchTheFigureAndCarryItsDefinition() {
        Map<String, Object> view = get("/stages/mql/journeys?quarter=2025-Q3&figure=slaBreaches&segment=" + segment);

        assertThat(view).containsEntry("figure", "slaBreaches").containsEntry("total", 1);
        assertThat((String) view.get("definition")).contains("exceeded the SLA");
        List<Map<String, Object>> journeys = list(view, "journeys");
        assertThat(journeys).hasSize(1);
        assertThat(journeys.get(0)).containsEntry("journeyId", prefix("J2")).containsEntry("nextStage", "sal");
        assertThat(((Number) journeys.get(0).get("hours")).doubleValue()).isEqualTo(96.0);

        Map<String, Object> entered = get("/stages/mql/journeys?quarter=2025-Q3&segment=" + segment + "&limit=2");
        assertThat(entered).containsEntry("total", 3);
        assertThat(list(entered, "journeys")).hasSize(2);
    }

    @Test
    void journeysBehindATransitionAndAsCsv() {
        Map<String, Object> view = get("/transitions/mql/sal/journeys?quarter=2025-Q3&segment=" + segment);
        assertThat(view).containsEntry("figure", "count").containsEntry("total", 2);

        String csv = http.get().uri("/api/maps/{id}/transitions/mql/sal/journeys?quarter=2025-Q3&segment={s}"
                                            + "&format=csv", mapId, segment)
                         .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                         .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("journeyId,stageId,nextStage,since,until,state,hours,channel,segment,"
                                               + "campaign,owner");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(prefix("J2") + ",mql,sal,2025-07-02T00:00:00Z,2025-07-06T00:00:00Z,CLOSED,96,");
    }

    @Test
    void badDrillRequestsNameTheParameter() {
        problem("/stages/nowhere/journeys?quarter=2025-Q3", 404);
        assertThat(problem("/stages/mql/journeys?figure=wip", 400)).contains("\"field\":\"figure\"");
        assertThat(problem("/stages/mql/journeys?limit=0", 400)).contains("\"field\":\"limit\"");
        assertThat(problem("/stages/mql/journeys?groupBy=channel", 400)).contains("\"field\":\"groupBy\"");
        assertThat(problem("/stages/sal/journeys?figure=slaBreaches", 400)).contains("has no SLA");
    }

    @Test
    void oneJourneysStepsInTimelineOrderWithTheStagesTheyEnter() {
        Map<String, Object> journey = get("/journeys/" + prefix("J1"));

        List<Map<String, Object>> steps = list(journey, "steps");
        assertThat(steps).extracting(s -> s.get("type"))
                         .containsExactly("LeadQualified", "LeadHandedOff", "LeadAccepted", "OpportunityOpened",
                                          "DealWon");
        assertThat(steps).extracting(s -> s.get("entersStage")).containsExactly("mql", null, "sal", null, "won");
        assertThat(list(journey, "visits")).hasSize(3);

        Map<String, Object> earlier = get("/journeys/" + prefix("J1") + "?asOf=2025-07-02");
        assertThat(list(earlier, "steps")).hasSize(2);
        assertThat(earlier).containsEntry("hiddenByCut", 3);
        problem("/journeys/nobody-" + mapId, 404);
    }

    @Test
    void previewGivesTheDraftsFiguresAndStoresNothing() {
        Map<String, Object> today = get("/flow?quarter=2025-Q3&segment=" + segment);
        Map<String, Object> preview = http.post().uri("/api/maps/{id}/preview?quarter=2025-Q3&segment={s}",
                                                      mapId, segment)
                                          .contentType(MediaType.APPLICATION_JSON).bodyValue(map(100)).exchange()
                                          .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(breaches(today)).isEqualTo(1);
        assertThat(breaches(preview)).isZero();
        assertThat(preview.get("map")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                                      .containsEntry("version", 0);
        http.get().uri("/api/maps/{id}", mapId).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.stages[0].slaHours").isEqualTo(48);
    }

    @Test
    void previewOfTheSavedMapGivesTodaysFigures_forTheWindowsJourneysOnly() {
        // J4 lives entirely before the quarter: the preview takes the window's journeys, as today's read does.
        FlowApiSupport.postSteps(http, List.of(step("J4", "1", "LeadQualified", "2025-03-01T00:00:00Z"),
                                               step("J4", "2", "LeadHandedOff", "2025-03-01T12:00:00Z"),
                                               step("J4", "3", "LeadAccepted", "2025-03-02T00:00:00Z")), 100);
        awaitRows(http, "/api/maps/" + mapId + "/stages?quarter=2025-Q1&segment=" + segment,
                  rows -> number(find(rows, "stageId", "sal"), "entered") == 1);
        for (String window : List.of("quarter=2025-Q3", "quarter=2025-Q1", "from=2025-07-02&to=2025-08-01")) {
            Map<String, Object> today = get("/flow?" + window + "&segment=" + segment);
            Map<String, Object> preview = http.post().uri("/api/maps/{id}/preview?" + window + "&segment={s}",
                                                          mapId, segment)
                                              .contentType(MediaType.APPLICATION_JSON).bodyValue(map(48)).exchange()
                                              .expectStatus().isOk().expectBody(JSON).returnResult()
                                              .getResponseBody();
            for (String table : List.of("stages", "transitions", "conversions")) {
                assertThat(preview.get(table)).as(window + " " + table).isEqualTo(today.get(table));
            }
        }
    }

    @Test
    void previewOfADraftThatChangesTheFlows_buildsThemAfresh_andLeavesTodaysFiguresAlone() {
        // The draft lets the handoff enter SAL: J1 and J2 leave MQL after 12 h, under its 48 h SLA.
        Map<String, Object> draft = new LinkedHashMap<>(map(48));
        draft.put("stages", List.of(
                Map.of("stageId", "mql", "owner", "MARKETING", "enteredOn", List.of("LeadQualified"), "slaHours", 48),
                Map.of("stageId", "sal", "owner", "SALES", "enteredOn", List.of("LeadHandedOff", "LeadAccepted")),
                Map.of("stageId", "won", "owner", "SALES", "enteredOn", List.of("DealWon"))));
        Map<String, Object> preview = http.post().uri("/api/maps/{id}/preview?quarter=2025-Q3&segment={s}",
                                                      mapId, segment)
                                          .contentType(MediaType.APPLICATION_JSON).bodyValue(draft).exchange()
                                          .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        Map<String, Object> mql = stage(preview, "mql");
        assertThat(((Number) mql.get("departures")).longValue()).isEqualTo(2);
        assertThat(((Number) mql.get("dwellMedianHours")).doubleValue()).isEqualTo(12.0);
        assertThat(breaches(preview)).isZero();
        Map<String, Object> today = get("/flow?quarter=2025-Q3&segment=" + segment);
        assertThat(breaches(today)).isEqualTo(1);
        assertThat(((Number) stage(today, "mql").get("dwellMedianHours")).doubleValue()).isEqualTo(72.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> flow, String stageId) {
        return ((List<Map<String, Object>>) flow.get("stages")).stream().filter(r -> r.get("stageId").equals(stageId))
                .findFirst().orElseThrow();
    }

    @Test
    void previewOfABrokenDraftNamesEveryBrokenField() {
        Map<String, Object> broken = new LinkedHashMap<>(map(48));
        broken.put("stages", List.of(
                Map.of("stageId", "mql", "owner", "MARKETEERS", "enteredOn", List.of("LeadQualified")),
                Map.of("stageId", "sal", "owner", "SALES", "enteredOn", List.of("LeadAccepted"))));
        broken.put("handoffs", List.of(Map.of("fromStage", "mql", "toStage", "nowhere", "owner", "SALES",
                                              "criteria", "ready")));

        String body = http.post().uri("/api/maps/{id}/preview?quarter=2025-Q3", mapId)
                          .contentType(MediaType.APPLICATION_JSON).bodyValue(broken).exchange()
                          .expectStatus().isBadRequest()
                          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                          .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"field\":\"stages[0].owner\"").contains("stage-owner-valid")
                        .contains("\"field\":\"handoffs[0].toStage\"").contains("handoff-stage-exists");
        http.post().uri("/api/maps/{id}/preview?definitions=inForce", mapId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(map(72)).exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("definitions");
    }

    @SuppressWarnings("unchecked")
    private static long breaches(Map<String, Object> flow) {
        return ((List<Map<String, Object>>) flow.get("stages")).stream().filter(r -> r.get("stageId").equals("mql"))
                .mapToLong(r -> ((Number) r.get("slaBreaches")).longValue()).sum();
    }

    private Map<String, Object> get(String path) {
        return http.get().uri("/api/maps/" + mapId + path).exchange().expectStatus().isOk().expectBody(JSON)
                   .returnResult().getResponseBody();
    }

    private String problem(String path, int status) {
        return http.get().uri("/api/maps/" + mapId + path).exchange().expectStatus().isEqualTo(status)
                   .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                   .expectBody(String.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> document, String key) {
        return (List<Map<String, Object>>) document.get(key);
    }

    private String prefix(String journey) {
        return mapId + "-" + journey;
    }

    private static Map<String, Object> map(int mqlSla) {
        return Map.of("name", "Drill", "stages", List.of(
                Map.of("stageId", "mql", "owner", "MARKETING", "enteredOn", List.of("LeadQualified"),
                       "slaHours", mqlSla),
                Map.of("stageId", "sal", "owner", "SALES", "enteredOn", List.of("LeadAccepted")),
                Map.of("stageId", "won", "owner", "SALES", "enteredOn", List.of("DealWon"))),
                "handoffs", List.of());
    }

    private Map<String, Object> step(String journey, String n, String type, String at) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", prefix(journey) + "-" + n);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put("journeyId", prefix(journey));
        step.put("attributes", Map.of("segment", segment));
        return step;
    }
}

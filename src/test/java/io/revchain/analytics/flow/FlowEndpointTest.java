package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
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
 * The read API end to end: a map and steps posted over HTTP, figures computed on paper.
 * <pre>
 * Q3 2025. mql (MARKETING, SLA 48h) → sal (SALES) → sql (SALES) → won / lost
 * J1: qualified 07-01, accepted 07-03 (mql 48h), opened 07-04 (sal 24h), won 07-10 (sql 144h)
 * J2: qualified 07-02, accepted 07-06 (mql 96h, breach), then still in sal at the window end: 07-06 → 10-01 = 2088h
 * J3: qualified 09-30, still in mql at the window end: 24h
 * mql: entered 3, departures 2, dwell mean 72, median 72, p90 48 + 0.9·48 = 91.2, breaches 1, total 48+96+24 = 168
 * sal: entered 2, departures 1, total 24 + 2088 = 2112 → bottleneck rank 1; sql total 144 → rank 3
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class FlowEndpointTest {

    /** The API publishes hours to 0.001 and shares to 0.0001 (docs/metrics.md, Precision). */
    private static final double HOURS = 0.0005;
    private static final double RATIO = 0.00005;

    @Autowired
    WebTestClient http;

    private String mapId;
    private String prefix;

    @BeforeEach
    void defineMapAndPostJourneys() {
        mapId = "funnel-" + UUID.randomUUID().toString().substring(0, 8);
        prefix = mapId + "-";
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "name", "Funnel",
                "stages", List.of(
                        stage("mql", "MQL", "MARKETING", "LeadQualified", 48),
                        stage("sal", "SAL", "SALES", "LeadAccepted", null),
                        stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                        stage("won", "Won", "SALES", "DealWon", null),
                        stage("lost", "Lost", "SALES", "DealLost", null)),
                "handoffs", List.of(Map.of("fromStage", "mql", "toStage", "sal", "owner", "MARKETING",
                                           "criteria", "score at least 60"))))
            .exchange().expectStatus().isOk();
        post(List.of(
                step("J1", "1", "LeadQualified", "2025-07-01T00:00:00Z", Map.of("channel", "webinar", "segment", mapId)),
                step("J1", "2", "LeadHandedOff", "2025-07-01T12:00:00Z", Map.of("to", "ann")),
                step("J1", "3", "LeadAccepted", "2025-07-03T00:00:00Z", Map.of()),
                step("J1", "4", "OpportunityOpened", "2025-07-04T00:00:00Z", Map.of()),
                step("J1", "5", "DealWon", "2025-07-10T00:00:00Z", Map.of("amount", "1200")),
                step("J2", "1", "LeadQualified", "2025-07-02T00:00:00Z", Map.of("channel", "webinar", "segment", mapId)),
                step("J2", "2", "LeadHandedOff", "2025-07-02T06:00:00Z", Map.of("to", "bob")),
                step("J2", "3", "LeadAccepted", "2025-07-06T00:00:00Z", Map.of())));
        // The read side follows the stream asynchronously: wait until all four transitions of J1 and J2 are seen.
        awaitRows("/transitions?quarter=2025-Q3",
                  rows -> rows.stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum() == 4);
    }

    @Test
    void stages_giveHandComputedFiguresAndBottleneckRank() {
        postJ3();
        List<Map<String, Object>> rows = awaitRows("/stages?quarter=2025-Q3&asOf=2025-12-01T00:00:00Z", rows2 ->
                entered(rows2, "mql") == 3);

        Map<String, Object> mql = row(rows, "mql");
        assertThat(mql).containsEntry("entered", 3).containsEntry("departures", 2)
                       .containsEntry("wipAtStart", 0).containsEntry("wipAtEnd", 1)
                       .containsEntry("slaBreaches", 1).containsEntry("bottleneckRank", 2);
        assertThat(((Number) mql.get("dwellMeanHours")).doubleValue()).isCloseTo(72.0, within(HOURS));
        assertThat(((Number) mql.get("dwellMedianHours")).doubleValue()).isCloseTo(72.0, within(HOURS));
        assertThat(((Number) mql.get("dwellP90Hours")).doubleValue()).isCloseTo(91.2, within(HOURS));
        assertThat(((Number) mql.get("totalDwellHours")).doubleValue()).isCloseTo(168.0, within(HOURS));
        Map<String, Object> sal = row(rows, "sal");
        assertThat(sal).containsEntry("entered", 2).containsEntry("departures", 1).containsEntry("bottleneckRank", 1);
        assertThat(((Number) sal.get("totalDwellHours")).doubleValue()).isCloseTo(2112.0, within(HOURS));
        assertThat(((Number) sal.get("totalDwellShare")).doubleValue())
                .isCloseTo(2112.0 / (168 + 2112 + 144), within(RATIO));
        assertThat(row(rows, "sql")).containsEntry("bottleneckRank", 3);
    }

    @Test
    void asOf_seesOnlyWhatHadHappened_openJourneysCountAsWip() {
        postJ3();
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 3);

        List<Map<String, Object>> rows = get("/stages?quarter=2025-Q3&asOf=2025-07-05T00:00:00Z");

        // J2 not yet accepted and J1 not yet won at asOf; J3 not yet qualified.
        assertThat(row(rows, "mql")).containsEntry("entered", 2).containsEntry("wipAtEnd", 1);
        assertThat(row(rows, "sql")).containsEntry("entered", 1).containsEntry("wipAtEnd", 1);
        assertThat(row(rows, "won")).containsEntry("entered", 0);
    }

    @Test
    void knownAt_reproducesTheAnswerAsItWasBeforeALateStepArrived() throws Exception {
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 2);
        Thread.sleep(5);
        Instant printed = Instant.now();
        Thread.sleep(5);
        postJ3();
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 3);

        assertThat(entered(get("/stages?quarter=2025-Q3&knownAt=" + printed), "mql")).isEqualTo(2);
        assertThat(entered(get("/stages?quarter=2025-Q3&knownAt=" + Instant.now()), "mql")).isEqualTo(3);
    }

    @Test
    void transitions_markHandoffsWithTheAccountableFunction() {
        List<Map<String, Object>> rows = get("/transitions?quarter=2025-Q3");

        Map<String, Object> handoff = rows.stream().filter(r -> r.get("fromStage").equals("mql")).findFirst()
                                          .orElseThrow();
        assertThat(handoff).containsEntry("toStage", "sal").containsEntry("count", 2).containsEntry("handoff", true)
                           .containsEntry("handoffOwner", "MARKETING");
        assertThat(((Number) handoff.get("meanHours")).doubleValue()).isCloseTo(72.0, within(HOURS));
        Map<String, Object> salSql = rows.stream().filter(r -> r.get("fromStage").equals("sal")).findFirst()
                                         .orElseThrow();
        assertThat(salSql).containsEntry("handoff", false);
    }

    @Test
    void csv_hasHeaderAndOneFlatRowPerStage_groupAddsFirstColumn() {
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 2);

        String csv = http.get().uri("/api/maps/{id}/stages?quarter=2025-Q3&format=csv&segment={s}", mapId, mapId).exchange()
                         .expectStatus().isOk()
                         .expectHeader().contentTypeCompatibleWith("text/csv")
                         .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("stageId,name,owner,entered,");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).startsWith("mql,MQL,MARKETING,2,");

        String grouped = http.get().uri("/api/maps/{id}/stages?quarter=2025-Q3&groupBy=owner&segment={s}", mapId, mapId)
                             .accept(new MediaType("text", "csv")).exchange()
                             .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(grouped.split("\r\n")[0]).startsWith("group,stageId,");
        assertThat(grouped).contains("\r\nann,mql,").contains("\r\nbob,mql,");
    }

    @Test
    void compare_putsTwoQuartersSideBySide() {
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 2);

        Map<String, Object> comparison = http.get()
                .uri("/api/maps/{id}/compare?a=2025-Q2&b=2025-Q3&asOf=2025-12-01T00:00:00Z&segment={s}", mapId, mapId)
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) comparison.get("stages");
        Map<String, Object> mql = row(stages, "mql");
        assertThat(mql).containsEntry("enteredA", 0).containsEntry("enteredB", 2).containsEntry("enteredChange", 2);
    }

    @Test
    void replay_framesAddUpToTheWindowFigures() {
        awaitRows("/stages?quarter=2025-Q3", rows -> entered(rows, "mql") == 2);
        List<Map<String, Object>> stages = get("/stages?from=2025-07-01&to=2025-07-15&asOf=2025-12-01T00:00:00Z");

        List<Map<String, Object>> frames = http.get()
                .uri("/api/maps/{id}/replay?from=2025-07-01&to=2025-07-15&asOf=2025-12-01T00:00:00Z&step=P1D&segment={s}",
                     mapId, mapId)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() { })
                .getResponseBody().collectList().block(Duration.ofSeconds(10));

        assertThat(frames).hasSize(14);
        for (String stageId : List.of("mql", "sal", "sql")) {
            long arrivals = 0;
            long departures = 0;
            long lastWip = -1;
            for (Map<String, Object> frame : frames) {
                @SuppressWarnings("unchecked")
                Map<String, Object> stage = row((List<Map<String, Object>>) frame.get("stages"), stageId);
                arrivals += ((Number) stage.get("arrivals")).longValue();
                departures += ((Number) stage.get("departures")).longValue();
                lastWip = ((Number) stage.get("wip")).longValue();
            }
            Map<String, Object> figures = row(stages, stageId);
            assertThat(arrivals).as(stageId).isEqualTo(((Number) figures.get("arrivals")).longValue());
            assertThat(departures).as(stageId).isEqualTo(((Number) figures.get("departures")).longValue());
            assertThat(lastWip).as(stageId).isEqualTo(((Number) figures.get("wipAtEnd")).longValue());
        }
    }

    @Test
    void unknownMap_is404_badParameters_are400NamingTheParameter() {
        http.get().uri("/api/maps/nope-{id}/stages", mapId).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/maps/{id}/stages?quarter=2025-Q5", mapId).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("quarter");
        http.get().uri("/api/maps/{id}/transitions?from=2025-08-01&to=2025-07-01", mapId).exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
        http.get().uri("/api/maps/{id}/stages?groupBy=planet", mapId).exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("groupBy");
        http.get().uri("/api/maps/{id}/stages?quater=2025-Q3", mapId).exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("quater");
        http.get().uri("/api/maps/{id}/replay?from=2025-07-01&step=soon", mapId).exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("step");
    }

    private void postJ3() {
        post(List.of(step("J3", "1", "LeadQualified", "2025-09-30T00:00:00Z", Map.of("channel", "ads", "segment", mapId))));
    }

    private void post(List<Map<String, Object>> steps) {
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(steps).exchange()
            .expectStatus().isOk();
    }

    private Map<String, Object> step(String journey, String n, String type, String at, Map<String, Object> attrs) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", prefix + journey + "-" + n);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put("journeyId", prefix + journey);
        step.put("attributes", attrs);
        return step;
    }

    private static Map<String, Object> stage(String id, String name, String owner, String enteredOn, Integer sla) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stageId", id);
        stage.put("name", name);
        stage.put("owner", owner);
        stage.put("enteredOn", List.of(enteredOn));
        if (sla != null) {
            stage.put("slaHours", sla);
        }
        return stage;
    }

    /** Journeys are not tied to a map, so each test reads only its own segment. */
    private String own(String path) {
        return path + (path.contains("?") ? "&" : "?") + "segment=" + mapId;
    }

    private List<Map<String, Object>> get(String path) {
        return http.get().uri("/api/maps/" + mapId + own(path)).exchange().expectStatus().isOk()
                   .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                   .returnResult().getResponseBody();
    }

    private List<Map<String, Object>> awaitRows(String path, java.util.function.Predicate<List<Map<String, Object>>> ok) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Map<String, Object>> rows = get(path);
        while (!ok.test(rows) && System.nanoTime() < deadline) {
            sleep();
            rows = get(path);
        }
        assertThat(ok.test(rows)).as("figures did not settle: %s", rows).isTrue();
        return rows;
    }

    private static long entered(List<Map<String, Object>> rows, String stageId) {
        return ((Number) row(rows, stageId).get("entered")).longValue();
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String stageId) {
        return rows.stream().filter(r -> stageId.equals(r.get("stageId"))).findFirst()
                   .orElseThrow(() -> new AssertionError("no row for " + stageId + " in " + rows));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

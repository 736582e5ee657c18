package io.revchain.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A hand-built quarter pair for the browser tests. Map "demo": lead, mql (SLA 48h) in MARKETING; sal (SLA 24h),
 * sql, won, lost in SALES; live in SERVICE; handoffs mql → sal (SALES) and won → live (SERVICE).
 * <pre>
 * 2025-Q2: K1 captured 04-01 … won 04-10; K2 captured 04-05 … lost 05-01; K3 captured 05-01, qualified 05-03, still
 *          in mql.                                               lead entered 3, mql entered 3, sal entered 2
 * 2025-Q3: J1 captured 07-01, qualified 07-02, accepted 07-03, opened 07-05 (sal 48h: over its SLA), won 07-15,
 *          onboarded 07-20, feedback 08-01 actioned 08-05
 *          J2 captured 07-01, qualified 07-03, accepted 07-08 (mql 120h: over SLA), opened 07-09, lost 07-20
 *          J3 captured 07-02, qualified 07-04, rejected by sales 07-06 (no budget): still in mql at the end
 *          J4 captured 08-01, qualified 08-02, accepted 08-03: still in sal at the end
 *          J5 captured 09-01: still in lead at the end
 *                                          lead entered 5, mql entered 4, sal entered 3, sql 2, won 1, lost 1, live 1
 * </pre>
 */
final class PageScenario {

    static final String MAP = "demo";

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() { };

    private final List<Map<String, Object>> steps = new ArrayList<>();

    static Map<String, Object> map(Integer mqlSla) {
        List<Object> stages = new ArrayList<>();
        stages.add(stage("lead", "Lead", "MARKETING", "LeadCaptured", null));
        stages.add(stage("mql", "MQL", "MARKETING", "LeadQualified", mqlSla));
        stages.add(stage("sal", "SAL", "SALES", "LeadAccepted", 24));
        stages.add(stage("sql", "SQL", "SALES", "OpportunityOpened", null));
        stages.add(stage("won", "Won", "SALES", "DealWon", null));
        stages.add(stage("lost", "Lost", "SALES", "DealLost", null));
        stages.add(stage("live", "Customer", "SERVICE", "CustomerOnboarded", 336));
        return Map.of("name", "Demand to revenue", "stages", stages, "handoffs", List.of(
                Map.of("fromStage", "mql", "toStage", "sal", "owner", "SALES",
                       "criteria", "score ≥ 60, budget known"),
                Map.of("fromStage", "won", "toStage", "live", "owner", "SERVICE",
                       "criteria", "signed order and kickoff date")));
    }

    private static Map<String, Object> stage(String id, String name, String owner, String type, Integer sla) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stageId", id);
        stage.put("name", name);
        stage.put("owner", owner);
        stage.put("enteredOn", List.of(type));
        if (sla != null) {
            stage.put("slaHours", sla);
        }
        return stage;
    }

    static void load(WebTestClient http) {
        http.put().uri("/api/maps/{id}", MAP).contentType(MediaType.APPLICATION_JSON).bodyValue(map(48))
            .exchange().expectStatus().isOk();
        PageScenario s = new PageScenario();
        s.journey("K1", "webinar", "smb-eu", "c-spring", "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04",
                  "won:2025-04-10");
        s.journey("K2", "ads", "smb-eu", "c-spring", "2025-04-05", "2025-04-06", "2025-04-08", "2025-04-09",
                  "lost:2025-05-01");
        s.journey("K3", "ads", "ent-us", "c-spring", "2025-05-01", "2025-05-03", null, null, null);
        s.journey("J1", "webinar", "smb-eu", "c-summer", "2025-07-01", "2025-07-02", "2025-07-03", "2025-07-05",
                  "won:2025-07-15");
        s.step("J1", "onboarded", "CustomerOnboarded", "2025-07-20", Map.of());
        s.step("J1", "fb", "FeedbackRecorded", "2025-08-01", Map.of("score", 4, "topic", "onboarding"));
        s.step("J1", "fb-done", "FeedbackActioned", "2025-08-05", Map.of("feedbackId", "J1-fb",
                "action", "new onboarding checklist", "campaign", "c-summer"));
        s.journey("J2", "ads", "smb-eu", "c-summer", "2025-07-01", "2025-07-03", "2025-07-08", "2025-07-09",
                  "lost:2025-07-20");
        s.journey("J3", "webinar", "ent-us", "c-summer", "2025-07-02", "2025-07-04", null, null, null);
        s.step("J3", "rejected", "LeadRejected", "2025-07-06", Map.of("reason", "no budget"));
        s.journey("J4", "ads", "ent-us", "c-summer", "2025-08-01", "2025-08-02", "2025-08-03", null, null);
        s.journey("J5", "webinar", "smb-eu", "c-autumn", "2025-09-01", null, null, null, null);
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(s.steps).exchange()
            .expectStatus().isOk();
        awaitVisible(http);
    }

    private void journey(String id, String channel, String segment, String campaign, String captured,
                         String qualified, String accepted, String opened, String outcome) {
        step(id, "captured", "LeadCaptured", captured, Map.of("channel", channel, "segment", segment,
                                                              "campaign", campaign));
        if (qualified != null) {
            step(id, "qualified", "LeadQualified", qualified, Map.of("score", 70));
            step(id, "handed", "LeadHandedOff", qualified + "T12:00:00Z", Map.of("to", "sales-team"));
        }
        if (accepted != null) {
            step(id, "accepted", "LeadAccepted", accepted, Map.of());
        }
        if (opened != null) {
            step(id, "opened", "OpportunityOpened", opened, Map.of("amount", 12000));
        }
        if (outcome != null) {
            String[] parts = outcome.split(":");
            step(id, parts[0], parts[0].equals("won") ? "DealWon" : "DealLost", parts[1],
                 parts[0].equals("won") ? Map.of("amount", 12000) : Map.of("reason", "price"));
        }
    }

    private void step(String journey, String suffix, String type, String at, Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", journey + "-" + suffix);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put("journeyId", journey);
        step.put("attributes", attributes);
        steps.add(step);
    }

    /** The read side follows the event stream asynchronously: wait until every journey is counted. */
    private static void awaitVisible(WebTestClient http) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = http.get().uri("/api/maps/{id}/stages", MAP).exchange()
                                                 .expectStatus().isOk().expectBody(ROWS).returnResult()
                                                 .getResponseBody();
            if (rows.stream().filter(r -> r.get("stageId").equals("lead"))
                    .anyMatch(r -> ((Number) r.get("entered")).intValue() == 8)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(false).as("the scenario's 8 journeys never became visible").isTrue();
    }
}

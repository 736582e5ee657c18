package io.revchain.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.identity.TestPrincipals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Money for the scorecard's browser tests. Map "money" (EUR): lead, mql (SLA 48h) in MARKETING; sal (SLA 24h), sql,
 * won, lost in SALES; live in SERVICE; handoff mql → sal (SALES). Campaigns c-spring (budget 5000 EUR, asset
 * roi-calculator, never used), c-summer (budget 8000, assets case-study and pricing-sheet), c-autumn (no budget).
 * A journey: captured, qualified (+ handed off), accepted, opened (amount), outcome (amount), as far as it got.
 * <pre>
 * 2025-Q2 K1 04-01 04-02 04-03 04-04 10000  won 04-20 10000; onboarded 04-25, feedback 05-10 (not actioned)
 *         K2 04-05 04-06 04-08 04-09  8000  lost 05-01
 *         K3 05-01 05-03, rejected 05-05 "no budget"
 *         K4 05-10 05-11 05-12 05-15 15000  won 06-10 14000
 *         K5 06-01 06-02 06-03 06-20  6000  lost 07-15 (open at Q2's end)
 * 2025-Q3 J1 07-01 07-02 07-03 07-05 20000, case-study 07-08, won 07-25 22000; onboarded 08-01, feedback 08-15
 *            actioned 08-20
 *         J2 07-01 07-03 07-08 07-09 12000  lost 07-20          (120 h in mql: over its SLA)
 *         J3 07-02 07-04, rejected 07-06 "no budget"
 *         J4 07-10 07-11 07-12 07-14 (no amount), case-study 07-20, won 08-10 (no amount)
 *         J5 08-01 08-02 08-03 08-04 30000, pricing-sheet 08-10: open
 *         J6 08-15 08-16 08-17 08-18  9000 EUR: open
 *         J7 09-01 09-02, rejected 09-03 "wrong segment"
 *         J8 09-05: still a lead
 *         J9 opened 07-20 5000 (a CRM import that starts at the opportunity), won 09-15 5000
 * </pre>
 * By hand, 2025-Q3 against Q2: won J1 22000 + J9 5000 + J4 (no amount) = 27000 in 3 deals (Q2: 24000 in 2), average
 * 27000 / 2 deals with an amount = 13500; lost J2, K5; win rate 3/5 (Q2 2/3). Open at Q3's end: J5 30000 and J6 9000
 * in sql, J3, J7, K3 in mql, J8 in lead: 6 journeys, 39000; sql's win rate over the year before 10-01: won K1 K4 J1
 * J4 J9 of closed K1 K2 K4 K5 J1 J2 J4 J9 = 5/8, weighted pipeline 39000 × 5/8 = 24375 (Q2: K5's 6000 × 2/3 = 4000).
 * MQL → SAL acceptance: 5 accepted, 2 rejected = 5/7 (Q2 4/5). The Q2 target (20000, 5 MQLs) is proposed by SALES
 * and agreed by MARKETING here; the Q3 target is left to the test. Sales pack, Q3 cohort J1 J2 J4 J5 J6 J9: J1, J4,
 * J5 used an asset, 3/6 (Q2: none of K1 K2 K4 K5).
 * <p>
 * Map "nurture" (no currency) follows webinar attendees with custom steps and never sees money: registered,
 * attended (SLA 72h) in MARKETING, called in SALES, handoff attended → called. 2024-Q3, before anything of the money
 * map: N1 registered 07-02, attended 07-09, called 07-10; N2 registered 07-05, attended 07-20; N3 registered 08-01.
 * At Q3's end 3 journeys are open and none carries an amount; N1 was handed over within the 72 h SLA (24 h).
 */
final class MoneyPageScenario {

    static final String MAP = "money";
    static final String NURTURE = "nurture";

    private static final ParameterizedTypeReference<Map<String, Object>> DOCUMENT =
            new ParameterizedTypeReference<>() { };

    private final List<Map<String, Object>> steps = new ArrayList<>();

    static Map<String, Object> map() {
        Map<String, Object> map = new LinkedHashMap<>(PageScenario.map(48));
        map.put("name", "Demand to revenue (EUR)");
        map.put("currency", "EUR");
        map.put("calendars", List.of(Map.of("calendarId", "emea-sales", "zone", "Europe/Berlin",
                                            "hours", List.of("09:00-17:00"))));
        map.put("handoffs", List.of(Map.of("fromStage", "mql", "toStage", "sal", "owner", "SALES",
                                           "criteria", "score ≥ 60, budget known")));
        // Customers have no SLA here: the scorecard's handoffs are the lead handoff only.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = new ArrayList<>((List<Map<String, Object>>) map.get("stages"));
        Map<String, Object> live = new LinkedHashMap<>(stages.get(6));
        live.remove("slaHours");
        stages.set(6, live);
        map.put("stages", stages);
        return map;
    }

    /** Loads the map, the steps and the agreed Q2 target; ana (MARKETING) and bo (SALES) must exist. */
    static void load(WebTestClient http, WebTestClient ana, WebTestClient bo) {
        http.put().uri("/api/maps/{id}", MAP).contentType(MediaType.APPLICATION_JSON).bodyValue(map())
            .exchange().expectStatus().isOk();
        MoneyPageScenario s = new MoneyPageScenario();
        s.step("seg-smb", "SegmentProfiled", "2025-03-01", "segmentId", "smb-eu", Map.of("name", "SMB Europe"));
        s.step("seg-ent", "SegmentProfiled", "2025-03-01", "segmentId", "ent-us", Map.of("name", "Enterprise US"));
        s.step("c-spring-l", "CampaignLaunched", "2025-03-25", "campaignId", "c-spring", Map.of(
                "segment", "smb-eu", "name", "Spring webinars", "channel", "webinar", "budget", 5000,
                "currency", "EUR"));
        s.step("c-spring-roi", "AssetPublished", "2025-03-26", "campaignId", "c-spring", Map.of(
                "assetId", "roi-calculator", "kind", "calculator"));
        s.step("c-summer-l", "CampaignLaunched", "2025-06-25", "campaignId", "c-summer", Map.of(
                "segment", "ent-us", "name", "Summer ads", "channel", "ads", "budget", 8000));
        s.step("c-summer-case", "AssetPublished", "2025-06-26", "campaignId", "c-summer", Map.of(
                "assetId", "case-study", "kind", "case study"));
        s.step("c-summer-price", "AssetPublished", "2025-06-26", "campaignId", "c-summer", Map.of(
                "assetId", "pricing-sheet", "kind", "sheet"));
        s.step("c-autumn-l", "CampaignLaunched", "2025-07-15", "campaignId", "c-autumn", Map.of(
                "segment", "smb-eu", "name", "Autumn referrals", "channel", "referral"));

        s.journey("K1", "webinar", "smb-eu", "c-spring", "2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04",
                  10000, "won:2025-04-20", 10000);
        s.step("K1-onboarded", "CustomerOnboarded", "2025-04-25", "journeyId", "K1", Map.of());
        s.step("K1-fb", "FeedbackRecorded", "2025-05-10", "journeyId", "K1", Map.of("score", 2, "topic", "pricing"));
        s.journey("K2", "ads", "smb-eu", "c-spring", "2025-04-05", "2025-04-06", "2025-04-08", "2025-04-09",
                  8000, "lost:2025-05-01", null);
        s.journey("K3", "ads", "ent-us", "c-spring", "2025-05-01", "2025-05-03", null, null, null, null, null);
        s.step("K3-rejected", "LeadRejected", "2025-05-05", "journeyId", "K3", Map.of("reason", "no budget"));
        s.journey("K4", "webinar", "ent-us", "c-spring", "2025-05-10", "2025-05-11", "2025-05-12", "2025-05-15",
                  15000, "won:2025-06-10", 14000);
        s.journey("K5", "webinar", "smb-eu", "c-spring", "2025-06-01", "2025-06-02", "2025-06-03", "2025-06-20",
                  6000, "lost:2025-07-15", null);

        s.journey("J1", "webinar", "smb-eu", "c-summer", "2025-07-01", "2025-07-02", "2025-07-03", "2025-07-05",
                  20000, "won:2025-07-25", 22000);
        s.step("J1-case", "AssetUsed", "2025-07-08", "journeyId", "J1", Map.of("assetId", "case-study"));
        s.step("J1-onboarded", "CustomerOnboarded", "2025-08-01", "journeyId", "J1", Map.of());
        s.step("J1-fb", "FeedbackRecorded", "2025-08-15", "journeyId", "J1", Map.of("score", 4, "topic", "onboarding"));
        s.step("J1-fb-done", "FeedbackActioned", "2025-08-20", "journeyId", "J1", Map.of("feedbackId", "J1-fb",
                "action", "onboarding checklist", "campaign", "c-summer"));
        s.journey("J2", "ads", "smb-eu", "c-summer", "2025-07-01", "2025-07-03", "2025-07-08", "2025-07-09",
                  12000, "lost:2025-07-20", null);
        s.journey("J3", "webinar", "ent-us", "c-summer", "2025-07-02", "2025-07-04", null, null, null, null, null);
        s.step("J3-rejected", "LeadRejected", "2025-07-06", "journeyId", "J3", Map.of("reason", "no budget"));
        s.journey("J4", "ads", "ent-us", "c-summer", "2025-07-10", "2025-07-11", "2025-07-12", "2025-07-14",
                  null, "won:2025-08-10", null);
        s.step("J4-case", "AssetUsed", "2025-07-20", "journeyId", "J4", Map.of("assetId", "case-study"));
        s.journey("J5", "webinar", "ent-us", "c-summer", "2025-08-01", "2025-08-02", "2025-08-03", "2025-08-04",
                  30000, null, null);
        s.step("J5-price", "AssetUsed", "2025-08-10", "journeyId", "J5", Map.of("assetId", "pricing-sheet"));
        s.journey("J6", "ads", "smb-eu", "c-autumn", "2025-08-15", "2025-08-16", "2025-08-17", "2025-08-18",
                  9000, null, null);
        s.journey("J7", "webinar", "smb-eu", "c-autumn", "2025-09-01", "2025-09-02", null, null, null, null, null);
        s.step("J7-rejected", "LeadRejected", "2025-09-03", "journeyId", "J7", Map.of("reason", "wrong segment"));
        s.journey("J8", "ads", "smb-eu", "c-autumn", "2025-09-05", null, null, null, null, null, null);
        s.step("J9-opened", "OpportunityOpened", "2025-07-20", "journeyId", "J9", Map.of("amount", 5000,
                "channel", "partner", "segment", "smb-eu", "campaign", "c-autumn"));
        s.step("J9-won", "DealWon", "2025-09-15", "journeyId", "J9", Map.of("amount", 5000));
        // J6's amount names its currency; the others name none and count as the map's.
        s.attribute("J6-opened", "currency", "EUR");
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(s.steps).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(s.steps.size());

        String targets = "/api/maps/" + MAP + "/targets";
        bo.post().uri(targets).contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("quarter", "2025-Q2", "revenue", 20000, "mqls", 5)).exchange().expectStatus().isOk();
        ana.post().uri(targets + "/2025-Q2/accept").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("revenue", 20000, "mqls", 5)).exchange().expectStatus().isOk();
        awaitVisible(http);
    }

    /** The nurture map and its three journeys, which carry no amount and enter none of the money map's stages. */
    static void loadNurture(WebTestClient http) {
        http.put().uri("/api/maps/{id}", NURTURE).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "name", "Webinar nurture", "stages", List.of(
                        Map.of("stageId", "registered", "name", "Registered", "owner", "MARKETING",
                               "enteredOn", List.of("WebinarRegistered")),
                        Map.of("stageId", "attended", "name", "Attended", "owner", "MARKETING",
                               "enteredOn", List.of("WebinarAttended"), "slaHours", 72),
                        Map.of("stageId", "called", "name", "Called", "owner", "SALES",
                               "enteredOn", List.of("FollowUpCalled"))),
                "handoffs", List.of(Map.of("fromStage", "attended", "toStage", "called", "owner", "SALES",
                                           "criteria", "attended live"))))
            .exchange().expectStatus().isOk();
        MoneyPageScenario s = new MoneyPageScenario();
        s.step("N1-reg", "WebinarRegistered", "2024-07-02", "journeyId", "N1", Map.of("channel", "webinar"));
        s.step("N1-att", "WebinarAttended", "2024-07-09", "journeyId", "N1", Map.of());
        s.step("N1-call", "FollowUpCalled", "2024-07-10", "journeyId", "N1", Map.of());
        s.step("N2-reg", "WebinarRegistered", "2024-07-05", "journeyId", "N2", Map.of("channel", "webinar"));
        s.step("N2-att", "WebinarAttended", "2024-07-20", "journeyId", "N2", Map.of());
        s.step("N3-reg", "WebinarRegistered", "2024-08-01", "journeyId", "N3", Map.of("channel", "webinar"));
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(s.steps).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(s.steps.size());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) http.get()
                    .uri("/api/maps/{id}/scorecard?quarter=2024-Q3", NURTURE).exchange().expectStatus().isOk()
                    .expectBody(DOCUMENT).returnResult().getResponseBody().get("lines");
            if (lines.stream().anyMatch(l -> "openJourneys".equals(l.get("figure"))
                    && ((Number) l.get("current")).intValue() == 3)) {
                return;
            }
            pause();
        }
        assertThat(false).as("the nurture scenario never became visible").isTrue();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void journey(String id, String channel, String segment, String campaign, String captured,
                         String qualified, String accepted, String opened, Integer amount, String outcome,
                         Integer wonAmount) {
        step(id + "-captured", "LeadCaptured", captured, "journeyId", id, Map.of("channel", channel,
                "segment", segment, "campaign", campaign));
        if (qualified != null) {
            step(id + "-qualified", "LeadQualified", qualified, "journeyId", id, Map.of("score", 70));
            step(id + "-handed", "LeadHandedOff", qualified + "T12:00:00Z", "journeyId", id,
                 Map.of("to", "sales-team"));
        }
        if (accepted != null) {
            step(id + "-accepted", "LeadAccepted", accepted, "journeyId", id, Map.of());
        }
        if (opened != null) {
            step(id + "-opened", "OpportunityOpened", opened, "journeyId", id,
                 amount == null ? Map.of() : Map.of("amount", amount));
        }
        if (outcome != null) {
            String[] parts = outcome.split(":");
            boolean won = parts[0].equals("won");
            step(id + "-" + parts[0], won ? "DealWon" : "DealLost", parts[1], "journeyId", id,
                 won ? (wonAmount == null ? Map.of() : Map.of("amount", wonAmount)) : Map.of("reason", "price"));
        }
    }

    private void step(String stepId, String type, String at, String idField, String id,
                      Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", stepId);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put(idField, id);
        step.put("attributes", new LinkedHashMap<>(attributes));
        steps.add(step);
    }

    @SuppressWarnings("unchecked")
    private void attribute(String stepId, String key, Object value) {
        Map<String, Object> step = steps.stream().filter(st -> st.get("stepId").equals(stepId)).findFirst()
                                        .orElseThrow();
        ((Map<String, Object>) step.get("attributes")).put(key, value);
    }

    /** The read side follows the event stream asynchronously: wait until the last facts of Q3 are counted. */
    @SuppressWarnings("unchecked")
    private static void awaitVisible(WebTestClient http) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> card = http.get().uri("/api/maps/{id}/scorecard?quarter=2025-Q3", MAP).exchange()
                                           .expectStatus().isOk().expectBody(DOCUMENT).returnResult()
                                           .getResponseBody();
            Map<String, Object> assets = http.get().uri("/api/maps/{id}/assets?quarter=2025-Q3", MAP).exchange()
                                             .expectStatus().isOk().expectBody(DOCUMENT).returnResult()
                                             .getResponseBody();
            List<Map<String, Object>> lines = (List<Map<String, Object>>) card.get("lines");
            boolean settled = lines.stream().anyMatch(l -> "wonDeals".equals(l.get("figure"))
                    && ((Number) l.get("current")).intValue() == 3)
                    && lines.stream().anyMatch(l -> "feedbackActioned".equals(l.get("figure"))
                    && ((Number) l.get("current")).intValue() == 1)
                    && lines.stream().anyMatch(l -> "revenueTarget".equals(l.get("figure"))
                    && l.get("previous") != null)
                    && ((List<?>) assets.get("assets")).size() == 3
                    && ((Number) assets.get("opportunitiesUsingAssets")).intValue() == 3;
            if (settled) {
                return;
            }
            pause();
        }
        assertThat(false).as("the money scenario never became visible").isTrue();
    }

    static WebTestClient user(WebTestClient admin, Browser.Person person) {
        return TestPrincipals.user(admin, person.username(), person.name(), person.function(), "facilitator");
    }
}

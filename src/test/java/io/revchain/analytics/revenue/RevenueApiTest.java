package io.revchain.analytics.revenue;

import static io.revchain.TestSteps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revchain.identity.TestPrincipals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The money reads end to end: the scenario of the analytics tests (MoneyScenario) posted over HTTP with real dates,
 * h(x) being x hours after 2025-07-01T00:00Z, so [h(0), h(100)) lies in 2025-Q3 and h(-400)..h(-1) in 2025-Q2.
 * Expected figures are the ones computed by hand there. Every read filters on {@code filter.source=rev-api}, which
 * the scenario's journeys carry, so other journeys of this context do not count.
 */
class RevenueApiTest extends RevenueApiSupport {

    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final String MAP = "rv-funnel";
    private static final String ONLY = "filter.source=rev-api";
    private static final String W = "from=" + h(0) + "&to=" + h(100);
    private static volatile Instant beforeTargets;

    @Autowired
    WebTestClient http;

    static String h(double hours) {
        return T0.plus(Duration.ofSeconds(Math.round(hours * 3600))).toString();
    }

    private static Map<String, Object> stage(String id, String owner, Integer sla, String... enteredOn) {
        Map<String, Object> stage = new java.util.LinkedHashMap<>(Map.of("stageId", id, "name", id, "owner", owner,
                                                                         "enteredOn", List.of(enteredOn)));
        if (sla != null) {
            stage.put("slaHours", sla);
        }
        return stage;
    }

    @BeforeEach
    void postTheScenarioOnce() {
        synchronized (RevenueApiTest.class) {
            if (beforeTargets != null) {
                return;
            }
            putMap(http, MAP, Map.of("name", "Funnel in euros", "currency", "eur", "stages", List.of(
                    stage("lead", "MARKETING", null, "LeadCaptured"),
                    stage("mql", "MARKETING", 24, "LeadQualified"),
                    stage("sal", "SALES", 48, "LeadAccepted"),
                    stage("sql", "SALES", null, "OpportunityOpened"),
                    stage("won", "SALES", null, "DealWon"),
                    stage("lost", "SALES", null, "DealLost", "LeadDisqualified")),
                    "handoffs", List.of(Map.of("fromStage", "mql", "toStage", "sal", "owner", "SALES",
                                               "criteria", "BANT complete"))));
            List<Map<String, Object>> steps = new ArrayList<>();
            steps.add(step("rv-s1-p", "SegmentProfiled", h(-500), "segmentId", "rv-s1", "name", "SMB"));
            steps.add(step("rv-s2-p", "SegmentProfiled", h(-500), "segmentId", "rv-s2", "name", "Mid"));
            steps.add(step("rv-c1-l", "CampaignLaunched", h(0), "campaignId", "rv-c1", "segment", "rv-s1",
                           "name", "Spring webinar", "channel", "web", "budget", 1000, "currency", "EUR"));
            steps.add(step("rv-c1-a1", "AssetPublished", h(1), "campaignId", "rv-c1", "assetId", "rv-case-study",
                           "kind", "case-study"));
            steps.add(step("rv-c1-a2", "AssetPublished", h(1), "campaignId", "rv-c1", "assetId", "rv-webinar",
                           "kind", "webinar"));
            steps.add(step("rv-c2-l", "CampaignLaunched", h(-400), "campaignId", "rv-c2", "segment", "rv-s2",
                           "budget", "600"));
            steps.add(step("rv-c2-a", "AssetPublished", h(-390), "campaignId", "rv-c2", "assetId", "rv-pricing",
                           "kind", "sheet"));
            steps.add(step("rv-c3-l", "CampaignLaunched", h(1), "campaignId", "rv-c3", "segment", "rv-s1",
                           "name", "Referral"));
            steps.addAll(journey("rv-a", new Object[][] {
                    {"LeadCaptured", 0, "campaign", "rv-c1", "segment", "rv-s1", "channel", "web", "source", "rev-api"},
                    {"LeadQualified", 10}, {"LeadHandedOff", 12, "to", "sales"}, {"LeadAccepted", 20},
                    {"OpportunityOpened", 30, "amount", 1000, "currency", "EUR", "campaign", "rv-c3"},
                    {"AssetUsed", 40, "assetId", "rv-case-study"}, {"DealWon", 50, "amount", "1200"}}));
            steps.addAll(journey("rv-b", new Object[][] {
                    {"LeadCaptured", 5, "campaign", "rv-c1", "segment", "rv-s1", "channel", "web", "source", "rev-api"},
                    {"LeadQualified", 15}, {"LeadHandedOff", 16, "to", "sales"}, {"LeadAccepted", 40},
                    {"OpportunityOpened", 60, "amount", 500}}));
            steps.addAll(journey("rv-c", new Object[][] {
                    {"LeadCaptured", 8, "campaign", "rv-c2", "segment", "rv-s2", "channel", "email",
                     "source", "rev-api"},
                    {"LeadQualified", 20}, {"LeadHandedOff", 21, "to", "sales"}, {"LeadRejected", 30, "reason",
                                                                                  "no budget"}}));
            steps.addAll(journey("rv-e", new Object[][] {
                    {"LeadCaptured", 20, "campaign", "rv-c1", "source", "rev-api"}, {"OpportunityOpened", 25},
                    {"AssetUsed", 30, "assetId", "rv-unpublished-deck"}, {"DealWon", 80}}));
            steps.addAll(journey("rv-f", new Object[][] {
                    {"LeadCaptured", -300, "campaign", "rv-c1", "source", "rev-api"}, {"LeadQualified", -290},
                    {"LeadHandedOff", -285, "to", "sales"}, {"LeadAccepted", -280},
                    {"OpportunityOpened", -270, "amount", 800}, {"DealWon", -200, "amount", 800}}));
            steps.addAll(journey("rv-g", new Object[][] {
                    {"OpportunityOpened", -260, "amount", 400, "campaign", "rv-c9", "source", "rev-api"},
                    {"DealLost", -150}}));
            post(http, steps);

            // d's amount is in Swiss francs: refused while no map declares them, accepted once one does.
            List<Map<String, Object>> d = journey("rv-d", new Object[][] {
                    {"OpportunityOpened", -50, "amount", 300, "currency", "CHF", "campaign", "rv-c2",
                     "channel", "email", "source", "rev-api"},
                    {"AssetUsed", 60, "assetId", "rv-case-study"}, {"DealLost", 70, "reason", "price"}});
            http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(d).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("attributes.currency")
                .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).startsWith(
                        "rule currency-declared: no supply chain map declares CHF"));
            putMap(http, "rv-chf", Map.of("name", "Swiss pipeline", "currency", "CHF", "stages", List.of(
                    stage("sql", "SALES", null, "OpportunityOpened"))));
            post(http, d);
            awaitDocument(http, "/api/maps/" + MAP + "/revenue?" + ONLY + "&asOf=" + h(200),
                          doc -> ((Number) rows(doc, "origins").get(0).get("wonDeals")).intValue() == 3
                                 && ((Number) rows(doc, "origins").get(0).get("lostDeals")).intValue() == 2);
            beforeTargets = Instant.now();
        }
    }

    private static List<Map<String, Object>> journey(String id, Object[][] steps) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            Object[] s = steps[i];
            Object[] attributes = java.util.Arrays.copyOfRange(s, 2, s.length);
            result.add(step(id + "-" + i, (String) s[0], h(((Number) s[1]).doubleValue()), "journeyId", id,
                            attributes));
        }
        return result;
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    @Test
    void valuePerStage_matchesTheHandComputation_asJsonAndCsv() {
        Map<String, Object> doc = document(http, "/api/maps/" + MAP + "/value?" + W + "&asOf=" + h(200) + "&" + ONLY);

        assertThat(doc.get("map")).isEqualTo(Map.of("mapId", MAP, "version", 1, "currency", "EUR"));
        Map<String, Object> sql = row(rows(doc, "stages"), "stageId", "sql");
        assertThat(number(sql, "valueEntered")).isEqualTo(1500);
        assertThat(number(sql, "valueLeft")).isEqualTo(1200);
        assertThat(number(sql, "openValue")).isEqualTo(500);
        assertThat(number(sql, "winRate")).isCloseTo(0.6, within(1e-12));
        assertThat(number(sql, "weightedValue")).isEqualTo(300.0);
        Map<String, Object> total = rows(doc, "summary").get(0);
        assertThat(number(total, "pipelineValue")).isEqualTo(500);
        assertThat(number(total, "weightedPipeline")).isEqualTo(300);
        assertThat(number(total, "wonRevenue")).isEqualTo(1200);
        assertThat(number(total, "wonWithoutAmount")).isEqualTo(1);
        assertThat(((Map<?, ?>) doc.get("coverage")).get("otherCurrency")).isEqualTo(1);

        String csv = csv(http, "/api/maps/" + MAP + "/value?" + W + "&asOf=" + h(200) + "&" + ONLY + "&part=summary");
        assertThat(csv).startsWith("open,pipelineValue,openWithoutAmount,weightedPipeline,pipelineValueWithoutWinRate,"
                                   + "wonDeals,wonRevenue,wonWithoutAmount,averageDealSize,lostDeals,lostValue\r\n"
                                   + "2,500,1,300.00,0,2,1200,1,1200.00,1,0\r\n");
    }

    @Test
    void asOf_everyFigureSeesOnlyWhatHadHappened() {
        String at55 = "&asOf=" + h(55) + "&" + ONLY;
        Map<String, Object> value = document(http, "/api/maps/" + MAP + "/value?" + W + at55);
        assertThat(number(rows(value, "summary").get(0), "open")).isEqualTo(4);
        Map<String, Object> revenue = document(http, "/api/maps/" + MAP + "/revenue?" + W + at55);
        assertThat(number(rows(revenue, "origins").get(0), "wonDeals")).isEqualTo(1);
        Map<String, Object> velocity = document(http, "/api/maps/" + MAP + "/velocity?" + W + at55);
        // By h(55) only a and e had opened in W (b opens at 60); a won.
        assertThat(number(rows(velocity, "periods").get(0), "opportunities")).isEqualTo(2);
        Map<String, Object> assets = document(http, "/api/maps/" + MAP + "/assets?" + W + at55);
        // d used the case study only at 60: a is its one use by then.
        assertThat(number(row(rows(assets, "assets"), "assetId", "rv-case-study"), "uses")).isEqualTo(1);
    }

    @Test
    void revenueByOrigin_andCampaignReturn() {
        Map<String, Object> doc = document(http, "/api/maps/" + MAP + "/revenue?" + W + "&asOf=" + h(200) + "&"
                                                 + ONLY + "&groupBy=channel");
        List<Map<String, Object>> origins = rows(doc, "origins");
        assertThat(origins).extracting(r -> r.get("group")).containsExactly("email", "web", "(none)");
        assertThat(number(row(origins, "group", "web"), "wonRevenue")).isEqualTo(1200);
        assertThat(number(row(origins, "group", "web"), "medianCycleDays")).isEqualTo(2.083); // 50 h = 2.0833 days, published to 0.001
        Map<String, Object> c1 = row(rows(doc, "campaigns"), "campaignId", "rv-c1");
        assertThat(number(c1, "leads")).isEqualTo(4);
        assertThat(number(c1, "wonRevenue")).isEqualTo(2000);
        assertThat(number(c1, "returnOnBudget")).isEqualTo(2.0);
        assertThat(number(c1, "costPerMql")).isEqualTo(333.33);
        assertThat(number(c1, "lastTouchWonRevenue")).isEqualTo(800);

        String csv = csv(http, "/api/maps/" + MAP + "/revenue?" + W + "&asOf=" + h(200) + "&" + ONLY
                               + "&part=campaigns");
        assertThat(csv).contains("rv-c1,Spring webinar,rv-s1,web," + h(0) + ",1000,4,3,3,3,2000,2,250.00,333.33,"
                                 + "333.33,333.33,2,800\r\n");
    }

    @Test
    void velocity_andTheSalesPack() {
        Map<String, Object> velocity = document(http, "/api/maps/" + MAP + "/velocity?" + W + "&asOf=" + h(200) + "&"
                                                      + ONLY);
        Map<String, Object> period = rows(velocity, "periods").get(0);
        assertThat(number(period, "velocityPerDay")).isEqualTo(1047.27);
        assertThat(period.get("period")).isEqualTo(h(0) + "/" + h(100));

        Map<String, Object> assets = document(http, "/api/maps/" + MAP + "/assets?" + W + "&asOf=" + h(200) + "&"
                                                    + ONLY);
        assertThat(rows(assets, "assets")).extracting(r -> r.get("assetId"))
                .containsExactly("rv-pricing", "rv-webinar", "rv-case-study", "rv-unpublished-deck");
        assertThat((String) assets.get("caveat")).startsWith("Association, not cause");
        assertThat(number(assets, "usageRate")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void targets_countOnceAgreed_andTheScorecardSetsTheQuarterAgainstThePrevious() {
        String targets = "/api/maps/" + MAP + "/targets";
        // Proposing and accepting act as the caller's own function (docs/security.md).
        WebTestClient ana = TestPrincipals.user(http, "rv-ana", "Ana", "MARKETING", "facilitator");
        WebTestClient max = TestPrincipals.user(http, "rv-max", "Max", "MARKETING", "facilitator");
        WebTestClient bo = TestPrincipals.user(http, "rv-bo", "Bo", "SALES", "facilitator");
        propose(ana, targets, Map.of("quarter", "2025-Q3", "revenue", 5000, "mqls", 10, "function", "MARKETING",
                                     "by", "Ana"));
        accept(max, targets + "/2025-Q3/accept", Map.of("revenue", 5000, "mqls", 10, "function", "marketing",
                                                        "by", "Max"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].reason").value(r -> assertThat((String) r)
                                                                   .startsWith("target-agreed-by-other-function"));
        accept(bo, targets + "/2025-Q3/accept", Map.of("revenue", 5001, "mqls", 10, "function", "SALES", "by", "Bo"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].reason").value(r -> assertThat((String) r)
                                                                   .startsWith("target-figures-current"));
        accept(bo, targets + "/2025-Q3/accept", Map.of("revenue", "5000.00", "mqls", 10, "function", "SALES",
                                                       "by", "Bo"))
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("AGREED")
                .jsonPath("$.agreedBy").isEqualTo("SALES").jsonPath("$.currency").isEqualTo("EUR");
        accept(ana, targets + "/2025-Q3/accept", Map.of("revenue", 5000, "mqls", 10, "function", "SALES",
                                                        "by", "Ana"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.rule").isEqualTo("acts-as-own-function");
        propose(bo, targets, Map.of("quarter", "2025-Q2", "revenue", 1000, "function", "SALES", "by", "Bo"));
        accept(ana, targets + "/2025-Q2/accept", Map.of("revenue", 1000, "function", "MARKETING", "by", "Ana"))
                .expectStatus().isOk();
        Map<String, Object> listed = document(http, targets);
        assertThat(rows(listed, "targets")).extracting(t -> t.get("quarter")).containsExactly("2025-Q2", "2025-Q3");
        assertThat(rows(listed, "history")).hasSize(4);

        Map<String, Object> card = document(http, "/api/maps/" + MAP + "/scorecard?quarter=2025-Q3&asOf=" + h(200)
                                                  + "&" + ONLY);
        List<Map<String, Object>> lines = rows(card, "lines");
        Map<String, Object> revenue = row(lines, "figure", "wonRevenue");
        assertThat(number(revenue, "current")).isEqualTo(1200);
        assertThat(number(revenue, "previous")).isEqualTo(800);
        assertThat(number(revenue, "change")).isEqualTo(400);
        Map<String, Object> target = row(lines, "figure", "revenueTarget");
        assertThat(number(target, "current")).isEqualTo(5000);
        assertThat(number(target, "previous")).isEqualTo(1000);
        assertThat(number(row(lines, "figure", "targetAttainment"), "current")).isEqualTo(0.24);
        assertThat(number(row(lines, "subject", "mql->sal"), "current")).isEqualTo(0.5);
        assertThat(number(row(lines, "subject", "no budget"), "current")).isEqualTo(1);
        assertThat(card.get("previous")).isEqualTo(Map.of("from", "2025-04-01T00:00:00Z",
                                                          "to", "2025-07-01T00:00:00Z"));

        // As the scorecard stood before anybody proposed a target.
        Map<String, Object> earlier = document(http, "/api/maps/" + MAP + "/scorecard?quarter=2025-Q3&asOf=" + h(200)
                                                     + "&knownAt=" + beforeTargets + "&" + ONLY);
        assertThat(row(rows(earlier, "lines"), "figure", "revenueTarget").get("current")).isNull();
        assertThat(number(row(rows(earlier, "lines"), "figure", "wonRevenue"), "current")).isEqualTo(1200);

        String csv = csv(http, "/api/maps/" + MAP + "/scorecard?quarter=2025-Q3&asOf=" + h(200) + "&" + ONLY);
        assertThat(csv).startsWith("section,figure,subject,current,previous,change\r\n"
                                   + "revenue,wonRevenue,,1200,800,400\r\n");
    }

    @Test
    void everyFigure_comparesTwoQuarters() {
        String ab = "?a=2025-Q2&b=2025-Q3&asOf=" + h(200) + "&" + ONLY;
        Map<String, Object> value = document(http, "/api/maps/" + MAP + "/value" + ab);
        Map<String, Object> won = rows(value, "figures").stream()
                .filter(f -> "summary".equals(f.get("part")) && "wonRevenue".equals(f.get("figure"))).findFirst()
                .orElseThrow();
        assertThat(number(won, "a")).isEqualTo(800);
        assertThat(number(won, "b")).isEqualTo(1200);
        assertThat(number(won, "change")).isEqualTo(400);

        Map<String, Object> velocity = document(http, "/api/maps/" + MAP + "/velocity" + ab);
        Map<String, Object> opportunities = row(rows(velocity, "figures"), "figure", "opportunities");
        // Q2: d, f, g opened; Q3: a, b, e.
        assertThat(number(opportunities, "a")).isEqualTo(3);
        assertThat(number(opportunities, "b")).isEqualTo(3);

        for (String figure : List.of("revenue", "assets", "scorecard")) {
            Map<String, Object> compared = document(http, "/api/maps/" + MAP + "/" + figure + ab);
            assertThat(rows(compared, "figures")).as(figure).isNotEmpty();
            assertThat(compared.get("a")).isEqualTo(Map.of("from", "2025-04-01T00:00:00Z",
                                                           "to", "2025-07-01T00:00:00Z"));
        }
        Map<String, Object> card = document(http, "/api/maps/" + MAP + "/scorecard" + ab);
        Map<String, Object> mqls = rows(card, "figures").stream()
                .filter(f -> "mqls".equals(f.get("subject"))).findFirst().orElseThrow();
        assertThat(number(mqls, "a")).isEqualTo(1);
        assertThat(number(mqls, "b")).isEqualTo(3);

        String csv = csv(http, "/api/maps/" + MAP + "/revenue" + ab);
        assertThat(csv).startsWith("part,group,subject,figure,a,b,change\r\n");
    }

    @Test
    void badRequests_nameTheParameter() {
        String base = "/api/maps/" + MAP;
        refused(base + "/revenue?groupBy=regoin", "groupBy", "no step carries the attribute 'regoin'");
        refused(base + "/value?filter.Reason=price", "filter.Reason", "(did you mean 'reason'?)");
        refused(base + "/scorecard", "quarter", "a scorecard needs a bounded window");
        refused(base + "/assets?groupBy=channel", "groupBy", "per asset and per campaign");
        refused(base + "/value?lookback=P0D", "lookback", "positive duration");
        refused(base + "/value?a=2025-Q2&b=2025-Q3&quarter=2025-Q3", "a", "without from, to or quarter");
        refused(base + "/revenue?segment=x&filter.segment=y", "filter.segment", "already does");
    }

    @Test
    void openApi_documentsTheNewRoutes() {
        // The first request builds the whole document, which takes a while on a busy machine.
        http.mutate().responseTimeout(Duration.ofSeconds(60)).build()
            .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.paths['/api/maps/{mapId}/value'].get").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/revenue'].get").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/velocity'].get").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/assets'].get").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/scorecard'].get").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/targets'].post").exists()
            .jsonPath("$.paths['/api/maps/{mapId}/targets/{quarter}/accept'].post").exists();
    }

    private void refused(String uri, String field, String reason) {
        http.get().uri(uri).exchange().expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo(field)
            .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).as(uri).contains(reason));
    }

    private static void propose(WebTestClient caller, String uri, Map<String, Object> body) {
        caller.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
              .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PROPOSED");
    }

    private static WebTestClient.ResponseSpec accept(WebTestClient caller, String uri, Map<String, Object> body) {
        return caller.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}

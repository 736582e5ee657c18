package io.revchain.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A year of history (2041) for the export tests, posted over HTTP in two batches a moment apart, so that a
 * {@code knownAt} between them sees only the first:
 * <pre>
 * segments s1 (profiled, then revised in May), s2 (profiled; only campaign c3's, which no journey names)
 * campaigns c1 (s1, Jan, publishes deck-1), c2 (s1, Jun), c3 (s2, Mar)
 * e1 captured Feb (c1, ann), qualified, handed off to bob, accepted in Feb-Mar; opportunity in July:
 *    no step in Q2 but open at its start
 * e2 captured Apr 5 (c1), qualified, DemoHeld (custom), opportunity, used deck-1, won, onboarded in Q2
 * e3 captured Jan (c2), disqualified Feb: closed before Q2
 * e4 captured Jun 25 (c2, email, product GTX), qualified, handed off, accepted Jul 2
 * e5 captured, qualified, lost in March: closed before Q2
 * e6 captured May 5 (source import, product Basic), qualified at a time with nanoseconds, handed off, rejected
 * e7 captured Apr 10, qualified Apr 12: the second batch (recorded late)
 * e2 onboarded Jun 20: the second batch
 * e9 captured Aug 1 (c1), qualified, feedback recorded and actioned (changing campaign c2) in Q3
 * </pre>
 */
final class ExportScenario {

    static final String MAP = "export";
    /** Between the two batches: a knownAt that sees the first only. */
    private static Instant between;

    private ExportScenario() {
    }

    static synchronized Instant ensure(WebTestClient http) {
        if (between != null) {
            return between;
        }
        http.put().uri("/api/maps/{id}", MAP).contentType(MediaType.APPLICATION_JSON).bodyValue(map())
            .exchange().expectStatus().isOk();
        post(http, firstBatch());
        sleep(50);
        between = Instant.now();
        sleep(50);
        post(http, secondBatch());
        return between;
    }

    /** The map of the figures compared in the round trip; DemoHeld is its custom step type. */
    static Map<String, Object> map() {
        return Map.of("name", "Export", "stages", List.of(
                stage("lead", "MARKETING", List.of("LeadCaptured"), null),
                stage("mql", "MARKETING", List.of("LeadQualified"), 48),
                stage("sal", "SALES", List.of("LeadAccepted"), 24),
                stage("sql", "SALES", List.of("OpportunityOpened", "DemoHeld"), null),
                stage("won", "SALES", List.of("DealWon"), null),
                stage("lost", "SALES", List.of("DealLost", "LeadDisqualified"), null),
                stage("live", "SERVICE", List.of("CustomerOnboarded"), 336)),
                      "handoffs", List.of(Map.of("fromStage", "mql", "toStage", "sal", "owner", "SALES",
                                                 "criteria", "score at least 60")));
    }

    private static List<Map<String, Object>> firstBatch() {
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(object("s1-1", "SegmentProfiled", "2041-01-05T09:00:00Z", "segmentId", "s1",
                         Map.of("name", "Mid-market", "industry", "logistics")));
        steps.add(object("s1-2", "SegmentProfileRevised", "2041-05-01T09:00:00Z", "segmentId", "s1",
                         Map.of("industry", "logistics and rail")));
        steps.add(object("s2-1", "SegmentProfiled", "2041-02-01T09:00:00Z", "segmentId", "s2",
                         Map.of("name", "Enterprise")));
        steps.add(object("c1-1", "CampaignLaunched", "2041-01-10T09:00:00Z", "campaignId", "c1",
                         Map.of("segment", "s1", "name", "Webinars", "channel", "webinar", "budget", 1000)));
        steps.add(object("c1-2", "AssetPublished", "2041-01-15T09:00:00Z", "campaignId", "c1",
                         Map.of("assetId", "deck-1", "kind", "deck")));
        steps.add(object("c2-1", "CampaignLaunched", "2041-06-01T09:00:00Z", "campaignId", "c2",
                         Map.of("segment", "s1", "name", "Summer")));
        steps.add(object("c3-1", "CampaignLaunched", "2041-03-01T09:00:00Z", "campaignId", "c3",
                         Map.of("segment", "s2", "name", "Enterprise push")));

        steps.add(step("e1-1", "LeadCaptured", "2041-02-01T09:00:00Z", "e1",
                       Map.of("campaign", "c1", "channel", "webinar", "owner", "ann")));
        steps.add(step("e1-2", "LeadQualified", "2041-02-03T10:00:00Z", "e1", Map.of("score", 64)));
        steps.add(step("e1-3", "LeadHandedOff", "2041-02-04T11:00:00Z", "e1", Map.of("to", "bob")));
        steps.add(step("e1-4", "LeadAccepted", "2041-03-01T12:00:00Z", "e1", Map.of()));
        steps.add(step("e1-5", "OpportunityOpened", "2041-07-10T08:00:00Z", "e1", Map.of("amount", "900")));

        steps.add(step("e2-1", "LeadCaptured", "2041-04-05T09:00:00Z", "e2",
                       Map.of("campaign", "c1", "channel", "webinar")));
        steps.add(step("e2-2", "LeadQualified", "2041-04-07T10:30:00Z", "e2", Map.of("score", 70.5)));
        steps.add(step("e2-3", "DemoHeld", "2041-04-20T14:00:00Z", "e2", Map.of("demoKind", "online")));
        steps.add(step("e2-4", "OpportunityOpened", "2041-05-02T08:00:00Z", "e2", Map.of("amount", "1200.50")));
        steps.add(step("e2-5", "AssetUsed", "2041-05-03T08:00:00Z", "e2", Map.of("assetId", "deck-1")));
        steps.add(step("e2-6", "DealWon", "2041-06-15T16:45:00Z", "e2", Map.of("amount", 1300, "owner", "cy")));

        steps.add(step("e3-1", "LeadCaptured", "2041-01-10T09:00:00Z", "e3", Map.of("campaign", "c2")));
        steps.add(step("e3-2", "LeadDisqualified", "2041-02-01T09:00:00Z", "e3", Map.of("reason", "student")));

        steps.add(step("e4-1", "LeadCaptured", "2041-06-25T09:00:00Z", "e4",
                       Map.of("campaign", "c2", "channel", "email", "product", "GTX")));
        steps.add(step("e4-2", "LeadQualified", "2041-06-28T09:00:00Z", "e4", Map.of()));
        steps.add(step("e4-3", "LeadHandedOff", "2041-06-30T23:59:59.999Z", "e4", Map.of("to", "dee")));
        steps.add(step("e4-4", "LeadAccepted", "2041-07-02T09:00:00Z", "e4", Map.of()));

        steps.add(step("e5-1", "LeadCaptured", "2041-03-20T09:00:00Z", "e5", Map.of("channel", "ads")));
        steps.add(step("e5-2", "LeadQualified", "2041-03-25T09:00:00Z", "e5", Map.of()));
        steps.add(step("e5-3", "DealLost", "2041-03-30T09:00:00Z", "e5", Map.of("reason", "price")));

        steps.add(step("e6-1", "LeadCaptured", "2041-05-05T09:00:00Z", "e6",
                       Map.of("source", "import", "product", "Basic")));
        steps.add(step("e6-2", "LeadQualified", "2041-05-06T10:15:30.123456789Z", "e6", Map.of()));
        steps.add(step("e6-3", "LeadHandedOff", "2041-05-07T09:00:00Z", "e6", Map.of("to", "cy")));
        steps.add(step("e6-4", "LeadRejected", "2041-05-08T09:00:00Z", "e6", Map.of("reason", "no budget")));

        steps.add(step("e9-1", "LeadCaptured", "2041-08-01T09:00:00Z", "e9", Map.of("campaign", "c1")));
        steps.add(step("e9-2", "LeadQualified", "2041-08-02T09:00:00Z", "e9", Map.of()));
        steps.add(step("e9-3", "FeedbackRecorded", "2041-08-10T09:00:00Z", "e9",
                       Map.of("score", 3, "topic", "pricing")));
        steps.add(step("e9-4", "FeedbackActioned", "2041-08-12T09:00:00Z", "e9",
                       Map.of("feedbackId", "export-e9-3", "campaign", "c2", "action", "new price sheet")));
        return steps;
    }

    private static List<Map<String, Object>> secondBatch() {
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(step("e7-1", "LeadCaptured", "2041-04-10T09:00:00Z", "e7", Map.of("channel", "ads")));
        steps.add(step("e7-2", "LeadQualified", "2041-04-12T09:00:00Z", "e7", Map.of()));
        steps.add(step("e2-7", "CustomerOnboarded", "2041-06-20T09:00:00Z", "e2", Map.of()));
        return steps;
    }

    private static void post(WebTestClient http, List<Map<String, Object>> steps) {
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(steps).exchange()
            .expectStatus().isOk();
    }

    private static Map<String, Object> stage(String id, String owner, List<String> enteredOn, Integer sla) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stageId", id);
        stage.put("owner", owner);
        stage.put("enteredOn", enteredOn);
        if (sla != null) {
            stage.put("slaHours", sla);
        }
        return stage;
    }

    private static Map<String, Object> step(String stepId, String type, String at, String journey,
                                            Map<String, Object> attributes) {
        return object(stepId, type, at, "journeyId", journey, attributes);
    }

    private static Map<String, Object> object(String stepId, String type, String at, String idField, String id,
                                              Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", "export-" + stepId);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put(idField, id);
        step.put("attributes", attributes);
        return step;
    }

    /** Waits until what the condition checks is true, for at most a minute. */
    static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

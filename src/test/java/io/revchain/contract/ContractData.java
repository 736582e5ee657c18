package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.identity.TestPrincipals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * One small but complete history, posted over HTTP, so that every read has rows: a map with an SLA and a handoff, two
 * quarters of journeys (won, onboarded, feedback actioned; rejected by sales), a definition, a session and an import
 * job. Every write is idempotent, so each test class may call {@link #ensure} again.
 */
final class ContractData {

    static final String MAP = "contract";
    static final String SESSION = "contract-q3";

    private static String importId;

    private ContractData() {
    }

    static synchronized void ensure(WebTestClient http) {
        http.put().uri("/api/maps/{id}", MAP).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "name", "Contract",
                "stages", List.of(stage("lead", "LEAD", "MARKETING", "LeadCaptured", null),
                                  stage("mql", "MQL", "MARKETING", "LeadQualified", 48),
                                  stage("sal", "SAL", "SALES", "LeadAccepted", null),
                                  stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                                  stage("won", "Won", "SALES", "DealWon", null),
                                  stage("lost", "Lost", "SALES", "DealLost", null),
                                  stage("live", "Live", "SERVICE", "CustomerOnboarded", 336)),
                "handoffs", List.of(Map.of("fromStage", "mql", "toStage", "sal", "owner", "MARKETING",
                                           "criteria", "score at least 60"))))
            .exchange().expectStatus().isOk();
        List<Map<String, Object>> steps = new ArrayList<>();
        String c = "contract-c1";
        // The campaign behind the journeys, its budget and the sales pack it published: the money reads' rows.
        steps.add(objectStep("s1", "SegmentProfiled", "2031-03-01T09:00:00Z", "segmentId", "contract-s1",
                             Map.of("name", "Mid-market")));
        steps.add(objectStep("c1-1", "CampaignLaunched", "2031-03-15T09:00:00Z", "campaignId", c,
                             Map.of("segment", "contract-s1", "name", "Webinar series", "channel", "webinar",
                                    "budget", "900")));
        steps.add(objectStep("c1-2", "AssetPublished", "2031-03-20T09:00:00Z", "campaignId", c,
                             Map.of("assetId", "contract-deck", "kind", "deck")));
        steps.add(step("k1-a", "AssetUsed", "2031-07-10T09:00:00Z", "k1", Map.of("assetId", "contract-deck")));
        steps.add(objectStep("c2-1", "CampaignLaunched", "2031-07-01T09:00:00Z", "campaignId", "contract-c2",
                             Map.of("segment", "contract-s1", "name", "Summer offer", "channel", "webinar",
                                    "budget", "500")));
        steps.add(step("k1-1", "LeadCaptured", "2031-04-02T09:00:00Z", "k1", Map.of("channel", "webinar",
                                                                                   "campaign", c)));
        steps.add(step("k1-2", "LeadQualified", "2031-04-05T10:30:00Z", "k1", Map.of("score", 72)));
        steps.add(step("k1-3", "LeadHandedOff", "2031-04-06T11:00:00Z", "k1", Map.of("to", "ann")));
        steps.add(step("k1-4", "LeadAccepted", "2031-04-08T16:20:00Z", "k1", Map.of()));
        steps.add(step("k1-5", "OpportunityOpened", "2031-07-03T08:00:00Z", "k1", Map.of("amount", "1200.50")));
        steps.add(step("k1-6", "DealWon", "2031-07-20T13:13:13Z", "k1", Map.of("amount", "1200.50")));
        steps.add(step("k1-7", "CustomerOnboarded", "2031-07-25T09:00:00Z", "k1", Map.of()));
        steps.add(step("k1-8", "FeedbackRecorded", "2031-08-01T09:00:00Z", "k1", Map.of("score", 8)));
        steps.add(step("k1-9", "FeedbackActioned", "2031-08-10T17:00:00Z", "k1",
                       Map.of("feedbackId", "k1-8", "action", "more webinars", "campaign", c)));
        steps.add(step("k2-1", "LeadCaptured", "2031-07-02T09:00:00Z", "k2", Map.of("channel", "email",
                                                                                   "campaign", c)));
        steps.add(step("k2-2", "LeadQualified", "2031-07-04T07:07:07Z", "k2", Map.of("score", 61)));
        steps.add(step("k2-3", "LeadHandedOff", "2031-07-05T10:00:00Z", "k2", Map.of("to", "bob")));
        steps.add(step("k2-4", "LeadRejected", "2031-07-07T12:00:00Z", "k2", Map.of("reason", "no budget")));
        steps.add(step("k3-1", "LeadCaptured", "2031-08-02T09:00:00Z", "k3", Map.of("channel", "webinar",
                                                                                   "campaign", "contract-c2")));
        steps.add(step("k3-2", "LeadQualified", "2031-08-03T01:01:01Z", "k3", Map.of()));
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(steps).exchange()
            .expectStatus().isOk();
        awaitRows(http, "/api/maps/" + MAP + "/transitions?quarter=2031-Q3&asOf=2032-01-01",
                  rows -> rows.stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum() == 5);

        TestPrincipals.user(http, "contract-ana", "Ana", "MARKETING", "facilitator")
            .post().uri("/api/maps/{id}/definitions", MAP).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("term", "MQL", "text", "score at least 60", "function", "MARKETING", "by", "Ana"))
            .exchange().expectStatus().isOk();
        http.post().uri("/api/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "sessionId", SESSION, "mapId", MAP, "title", "Q3 review", "facilitator", "Fay",
                "participants", List.of(Map.of("name", "Ana", "function", "MARKETING"),
                                        Map.of("name", "Bo", "function", "SALES"))))
            .exchange().expectStatus().isOk();
        if (importId == null) {
            importId = importJob(http);
            TestPrincipals.apiKey(http, "contract-bi", "reader");
        }
    }

    static String importId() {
        return importId;
    }

    private static String importJob(WebTestClient http) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", """
                {"mapId": "contract-import", "format": "csv", "journeyId": "id",
                 "rules": [{"type": "LeadCaptured", "at": "captured"}]}""", MediaType.APPLICATION_JSON);
        parts.part("file", "id,captured\r\nimp-1,2031-07-01\r\n".getBytes())
             .header("Content-Disposition", "form-data; name=file; filename=contract.csv");
        Map<?, ?> job = http.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                            .body(BodyInserters.fromMultipartData(parts.build())).exchange()
                            .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) job.get("id");
        // The job stores its step after answering: wait, so that nothing moves the store once the data is there.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"COMPLETED".equals(job.get("status")) && System.nanoTime() < deadline) {
            sleep();
            job = http.get().uri("/api/imports/{id}", id).exchange().expectStatus().isOk().expectBody(Map.class)
                      .returnResult().getResponseBody();
        }
        assertThat(job.get("status")).as("the contract import job").isEqualTo("COMPLETED");
        return id;
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

    private static Map<String, Object> step(String stepId, String type, String at, String journey,
                                            Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", "contract-" + stepId);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put("journeyId", "contract-" + journey);
        Map<String, Object> attrs = new LinkedHashMap<>(attributes);
        if (attrs.get("feedbackId") instanceof String id) {
            attrs.put("feedbackId", "contract-" + id);
        }
        step.put("attributes", attrs);
        return step;
    }

    private static Map<String, Object> objectStep(String stepId, String type, String at, String idField, String id,
                                                  Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", "contract-" + stepId);
        step.put("type", type);
        step.put("occurredAt", at);
        step.put(idField, id);
        step.put("attributes", attributes);
        return step;
    }

    private static void awaitRows(WebTestClient http, String uri,
                                  java.util.function.Predicate<List<Map<String, Object>>> settled) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> rows;
        do {
            rows = http.get().uri(uri).exchange().expectStatus().isOk()
                       .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                       .returnResult().getResponseBody();
            if (settled.test(rows)) {
                return;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        assertThat(settled.test(rows)).as("figures did not settle: %s", rows).isTrue();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

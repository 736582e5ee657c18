package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.identity.TestPrincipals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The live projection, figures on paper. Journey J (steps posted before the map exists):
 * <pre>
 * captured 07-01 (channel webinar, segment S), qualified 07-02, handed off to ann 07-02 12:00, opportunity 07-10
 * v1 lead → mql (SLA 48) → sal → sql → won/lost:
 *   0 lead [07-01, 07-02) → mql 24 h · 1 mql [07-02, 07-10) → sql 192 h · 2 sql [07-10, open)
 * late step: accepted 07-04 splits the mql visit:
 *   1 mql [07-02, 07-04) → sal 48 h · 2 sal [07-04, 07-10) → sql 144 h · 3 sql [07-10, open)
 * won 07-20: 3 sql [07-10, 07-20) → won 240 h · 4 won ENDED
 * v2 drops sal, renames mql, SLA 72: 1 mql [07-02, 07-10) → sql 192 h · 2 sql → won 240 h · 3 won ENDED; 4 deleted
 * v3 (a proposed definition) changes no stage: the same visits, labelled version 3
 * </pre>
 */
class StageVisitsProjectionTest extends ReadModelTestSupport {

    private static List<Map<String, Object>> stagesV1() {
        return List.of(stage("lead", "Lead", "MARKETING", "LeadCaptured", null),
                       stage("mql", "MQL", "MARKETING", "LeadQualified", 48),
                       stage("sal", "SAL", "SALES", "LeadAccepted", null),
                       stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                       stage("won", "Won", "SALES", "DealWon", null),
                       stage("lost", "Lost", "SALES", "DealLost", null));
    }

    private static List<Map<String, Object>> stagesV2() {
        return List.of(stage("lead", "Lead", "MARKETING", "LeadCaptured", null),
                       stage("mql", "Marketing qualified lead", "MARKETING", "LeadQualified", 72),
                       stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                       stage("won", "Won", "SALES", "DealWon", null),
                       stage("lost", "Lost", "SALES", "DealLost", null));
    }

    @Test
    void stageVisits_followSteps_lateSteps_andMapRevisions() {
        String mapId = unique("funnel");
        String j = unique("J");
        post(step(j, "s1", "LeadCaptured", "2025-07-01T00:00:00Z", Map.of("channel", "webinar", "segment", "S")),
             step(j, "s2", "LeadQualified", "2025-07-02T00:00:00Z", Map.of()),
             step(j, "s3", "LeadHandedOff", "2025-07-02T12:00:00Z", Map.of("to", "ann")),
             step(j, "s4", "OpportunityOpened", "2025-07-10T00:00:00Z", Map.of()));
        putMap(mapId, stagesV1());

        await("visits under v1", () -> mapVersion(mapId) == 1L);
        List<Document> v1 = visits(mapId, j);
        assertVisit(v1.get(0), "lead", "2025-07-01T00:00:00Z", "2025-07-02T00:00:00Z", "mql", 24.0, "CLOSED");
        assertVisit(v1.get(1), "mql", "2025-07-02T00:00:00Z", "2025-07-10T00:00:00Z", "sql", 192.0, "CLOSED");
        assertVisit(v1.get(2), "sql", "2025-07-10T00:00:00Z", null, null, null, "OPEN");
        assertThat(v1.get(1)).containsEntry("_id", mapId + "/" + j + "/1").containsEntry("mapId", mapId)
                             .containsEntry("mapVersion", 1L).containsEntry("journeyId", j)
                             .containsEntry("stageName", "MQL").containsEntry("stageOwner", "MARKETING")
                             .containsEntry("visitIndex", 1).containsEntry("entryStepId", "s2")
                             .containsEntry("slaHours", 48.0).containsEntry("channel", "webinar")
                             .containsEntry("segmentId", "S").containsEntry("campaignId", null)
                             .containsEntry("owner", "ann");

        post(step(j, "s5", "LeadAccepted", "2025-07-04T00:00:00Z", Map.of()));
        awaitSteps(j, 5);
        List<Document> split = visits(mapId, j);
        assertVisit(split.get(0), "lead", "2025-07-01T00:00:00Z", "2025-07-02T00:00:00Z", "mql", 24.0, "CLOSED");
        assertVisit(split.get(1), "mql", "2025-07-02T00:00:00Z", "2025-07-04T00:00:00Z", "sal", 48.0, "CLOSED");
        assertVisit(split.get(2), "sal", "2025-07-04T00:00:00Z", "2025-07-10T00:00:00Z", "sql", 144.0, "CLOSED");
        assertVisit(split.get(3), "sql", "2025-07-10T00:00:00Z", null, null, null, "OPEN");

        post(step(j, "s6", "DealWon", "2025-07-20T00:00:00Z", Map.of("amount", "1200")));
        awaitSteps(j, 6);
        List<Document> won = visits(mapId, j);
        assertVisit(won.get(3), "sql", "2025-07-10T00:00:00Z", "2025-07-20T00:00:00Z", "won", 240.0, "CLOSED");
        assertVisit(won.get(4), "won", "2025-07-20T00:00:00Z", null, null, null, "ENDED");

        putMap(mapId, stagesV2());
        // visit_maps moves last, once every journey's visits are recomputed.
        await("visits under v2", () -> mapVersion(mapId) == 2L);
        List<Document> v2 = visits(mapId, j);
        assertVisit(v2.get(0), "lead", "2025-07-01T00:00:00Z", "2025-07-02T00:00:00Z", "mql", 24.0, "CLOSED");
        assertVisit(v2.get(1), "mql", "2025-07-02T00:00:00Z", "2025-07-10T00:00:00Z", "sql", 192.0, "CLOSED");
        assertVisit(v2.get(2), "sql", "2025-07-10T00:00:00Z", "2025-07-20T00:00:00Z", "won", 240.0, "CLOSED");
        assertVisit(v2.get(3), "won", "2025-07-20T00:00:00Z", null, null, null, "ENDED");
        assertThat(v2.get(1)).containsEntry("stageName", "Marketing qualified lead").containsEntry("slaHours", 72.0);
        Generation active = generations.active();
        assertThat(byId(active, Generation.STAGE_VISITS, mapId + "/" + j + "/4")).as("the fifth visit").isNull();
        assertThat(byId(active, Generation.JOURNEYS, j).getList("visitCounts", Document.class))
                .contains(new Document("mapId", mapId).append("count", 4));
        assertThat(byId(active, Generation.VISIT_MAPS, mapId)).containsEntry("name", "Funnel " + mapId)
                                                              .containsEntry("stageIds", List.of("lead", "mql", "sql",
                                                                                                 "won", "lost"));

        TestPrincipals.user(http, "ana", "Ana", "MARKETING", "facilitator")
            .post().uri("/api/maps/{id}/definitions", mapId).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("term", "MQL", "text", "Score at least 60", "function", "MARKETING", "by", "Ana"))
            .exchange().expectStatus().is2xxSuccessful();
        await("visits labelled v3", () -> mapVersion(mapId) == 3L);
        List<Document> v3 = visits(mapId, j);
        assertThat(v3).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Document expected = new Document(v2.get(i));
            expected.put("mapVersion", 3L);
            assertThat(v3.get(i)).isEqualTo(expected);
        }
    }

    /** The journey document is written after its steps and visits. */
    private void awaitSteps(String journeyId, int steps) {
        await(journeyId + " with " + steps + " steps", () -> {
            Document journey = byId(generations.active(), Generation.JOURNEYS, journeyId);
            return journey != null && journey.getInteger("stepCount") == steps;
        });
    }

    private long mapVersion(String mapId) {
        Document map = byId(generations.active(), Generation.VISIT_MAPS, mapId);
        return map == null ? 0 : map.getLong("mapVersion");
    }

    @Test
    void journeySteps_areFlatRowsWithDimensions_andRetriesChangeNothing() {
        String j = unique("J");
        Map<String, Object> handoff = step(j, "h/1", "LeadHandedOff", "2025-08-02T12:00:00.123456789Z",
                                           Map.of("to", "bob", "channel", "event"));
        post(step(j, "q1", "LeadQualified", "2025-08-01T00:00:00Z", Map.of("campaign", "C-7", "score", "80")),
             handoff);
        Generation active = generations.active();
        // Rows are keyed by the step's place in the journey's recording order: the batch records q1 first.
        String key = j + "/1";
        awaitSteps(j, 2);
        Document row = byId(active, Generation.JOURNEY_STEPS, key);
        assertThat(row).containsEntry("journeyId", j).containsEntry("stepId", "h/1")
                       .containsEntry("type", "LeadHandedOff").containsEntry("owner", "bob")
                       .containsEntry("channel", "event").containsEntry("segmentId", null);
        assertThat(instant(row, "occurredAt")).isEqualTo(Instant.parse("2025-08-02T12:00:00.123Z"));
        assertThat(instant(row, "recordedAt")).isNotNull();
        assertThat(row.getLong("recordSeq")).isPositive();
        // channel is a column of its own and not repeated among the attributes; owner is the handoff's "to".
        assertThat(row.get("attributes", Document.class)).containsEntry("to", "bob").doesNotContainKey("channel");
        assertThat(row).containsEntry("occurredAtNanos", 123456789);
        Document qualified = byId(active, Generation.JOURNEY_STEPS, j + "/0");
        assertThat(qualified).containsEntry("stepId", "q1");
        assertThat(qualified).containsEntry("campaignId", "C-7");
        assertThat(qualified.get("attributes", Document.class)).containsEntry("score", "80.0");

        Document journey = byId(active, Generation.JOURNEYS, j);
        assertThat(journey).containsEntry("stepCount", 2).containsEntry("campaignId", "C-7")
                           .containsEntry("channel", "event").containsEntry("owner", "bob");
        assertThat(journey).doesNotContainKey("steps");

        post(handoff);
        awaitProjectionCaughtUp();
        assertThat(byId(active, Generation.JOURNEYS, j)).isEqualTo(journey);
        assertThat(byId(active, Generation.JOURNEY_STEPS, key)).isEqualTo(row);
        assertThat(byId(active, Generation.JOURNEY_STEPS, j + "/2")).isNull();
    }
}

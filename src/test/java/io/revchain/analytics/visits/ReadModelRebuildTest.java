package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.IndexOptions;
import io.revchain.analytics.visits.RebuildStatusView.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Rebuilds from the event store into a new generation, switched to only when complete. */
class ReadModelRebuildTest extends ReadModelTestSupport {

    @Autowired
    ReadModelRebuild rebuild;

    private String mapId;

    @BeforeEach
    void mapAndJourneys() {
        mapId = unique("funnel");
        putMap(mapId, List.of(stage("mql", "MQL", "MARKETING", "LeadQualified", 48),
                              stage("sal", "SAL", "SALES", "LeadAccepted", 24),
                              stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                              stage("won", "Won", "SALES", "DealWon", null)));
        for (int i = 0; i < 12; i++) {
            String j = unique("J" + i);
            post(step(j, "q", "LeadQualified", "2025-07-0" + (1 + i % 9) + "T00:00:00Z",
                      Map.of("channel", i % 2 == 0 ? "webinar" : "ads")),
                 step(j, "h", "LeadHandedOff", "2025-07-10T00:00:00Z", Map.of("to", "rep" + i % 3)),
                 step(j, "a", "LeadAccepted", "2025-07-11T0" + i % 10 + ":00:00Z", Map.of()));
            if (i % 3 == 0) {
                post(step(j, "o", "OpportunityOpened", "2025-07-20T00:00:00Z", Map.of()));
            }
        }
        // A revision after the journeys: the rebuild must reach the same visits in one pass.
        putMap(mapId, List.of(stage("mql", "MQL", "MARKETING", "LeadQualified", 72),
                              stage("sal", "SAL", "SALES", "LeadAccepted", 24),
                              stage("sql", "SQL", "SALES", "OpportunityOpened", null),
                              stage("won", "Won", "SALES", "DealWon", null)));
        awaitProjectionCaughtUp();
    }

    @AfterEach
    void normalSpeed() {
        rebuild.hooks(null);
        rebuild.windowSize(ReadModelRebuild.WINDOW);
    }

    @Test
    void rebuild_producesExactlyTheDocumentsOfTheLiveProjection() {
        Generation before = generations.active();
        database.getCollection(before.collection(Generation.STAGE_VISITS))
                .createIndex(new Document("stageId", 1).append("enteredAt", 1),
                             new IndexOptions().name("bi_stage_entered"));

        Map<String, Object> accepted = startRebuild();
        assertThat(accepted.get("state")).isIn("RUNNING", "SWITCHING", "COMPLETED");
        assertThat(((Number) accepted.get("generation")).longValue()).isEqualTo(before.number() + 1);
        Map<String, Object> done = awaitRebuildFinished();

        assertThat(done).containsEntry("state", "COMPLETED").containsEntry("error", null);
        Generation after = generations.active();
        assertThat(after.number()).isEqualTo(before.number() + 1);
        assertThat(((Number) done.get("activeGeneration")).longValue()).isEqualTo(after.number());
        assertThat(done.get("collections")).isEqualTo(after.collections());
        assertThat(((Number) done.get("eventsProcessed")).longValue()).isEqualTo(engineEventCount());
        assertThat(((Number) done.get("totalEvents")).longValue()).isEqualTo(engine.headSequence());
        assertThat(database.getCollection(after.collection(Generation.STAGE_VISITS)).listIndexes()
                           .map(index -> index.getString("name")).into(new ArrayList<>()))
                .as("indexes a BI user added").contains("bi_stage_entered");
        for (String base : Generation.BASES) {
            List<Document> live = all(before, base);
            List<Document> rebuilt = all(after, base);
            assertThat(rebuilt).as(base).isNotEmpty().hasSameSizeAs(live);
            for (int i = 0; i < live.size(); i++) {
                // Which segments applied a map is the projection's bookkeeping: the rebuild writes as one segment.
                live.get(i).remove(ReadModelWriter.SEGMENTS);
                rebuilt.get(i).remove(ReadModelWriter.SEGMENTS);
                assertThat(rebuilt.get(i)).as("%s %s", base, live.get(i).get("_id")).isEqualTo(live.get(i));
            }
        }
    }

    @Test
    void readsDuringARebuildNeverSeeAPartialGeneration_andNoLiveEventIsLost() {
        Generation before = generations.active();
        long visitsBefore = count(before, Generation.STAGE_VISITS);
        long stepsBefore = count(before, Generation.JOURNEY_STEPS);
        String duringRun = unique("before-switch");
        String duringSwitch = unique("during-switch");
        AtomicLong batches = new AtomicLong();
        rebuild.windowSize(10);
        rebuild.hooks(new ReadModelRebuild.Hooks() {
            @Override
            public void afterBatch(long position) {
                if (batches.incrementAndGet() < 60) {
                    sleep(20);
                }
            }

            @Override
            public void beforeSwitch() {
                // Recorded after the rebuild's last read: only the live projection has it, in the old generation.
                post(step(duringRun, "q", "LeadQualified", "2025-07-05T00:00:00Z", Map.of()));
                await("the live projection writing to the old generation",
                      () -> byId(before, Generation.JOURNEY_STEPS, duringRun + "/0") != null);
            }

            @Override
            public void whileSwitching() {
                // The live projection waits now: this step must reach the new generation only.
                post(step(duringSwitch, "q", "LeadQualified", "2025-07-06T00:00:00Z", Map.of()));
            }
        });
        AtomicLong minVisits = new AtomicLong(Long.MAX_VALUE);
        AtomicLong minSteps = new AtomicLong(Long.MAX_VALUE);
        AtomicLong reads = new AtomicLong();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (reading.get()) {
                    Generation active = generations.active();
                    minVisits.accumulateAndGet(count(active, Generation.STAGE_VISITS), Math::min);
                    minSteps.accumulateAndGet(count(active, Generation.JOURNEY_STEPS), Math::min);
                    reads.incrementAndGet();
                }
            } catch (Throwable e) {
                readerFailure.set(e);
            }
        });
        reader.start();

        startRebuild();
        await("the rebuild to be under way", () -> batches.get() > 2);
        Map<String, Object> running = status();
        assertThat(running.get("state")).isIn("RUNNING", "SWITCHING");
        assertThat(((Number) running.get("eventsProcessed")).longValue()).isPositive();
        assertThat(((Number) running.get("totalEvents")).longValue()).isPositive();
        assertThat(running.get("startedAt")).isNotNull();
        http.post().uri("/api/admin/rebuild").exchange()
            .expectStatus().isEqualTo(409)
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("already"));
        Map<String, Object> done = awaitRebuildFinished();
        reading.set(false);
        join(reader);

        assertThat(done).containsEntry("state", "COMPLETED");
        assertThat(readerFailure.get()).isNull();
        assertThat(reads.get()).isGreaterThan(10);
        assertThat(minVisits.get()).isGreaterThanOrEqualTo(visitsBefore);
        assertThat(minSteps.get()).isGreaterThanOrEqualTo(stepsBefore);
        Generation after = generations.active();
        assertThat(after.number()).isEqualTo(before.number() + 1);
        assertThat(byId(after, Generation.JOURNEY_STEPS, duringRun + "/0")).isNotNull();
        await("the step recorded during the switch in the new generation",
              () -> byId(after, Generation.JOURNEY_STEPS, duringSwitch + "/0") != null);
        assertThat(byId(before, Generation.JOURNEY_STEPS, duringSwitch + "/0")).as("old generation written").isNull();
    }

    @Test
    void failedRebuild_keepsTheOldGenerationActiveAndUpToDate() {
        Generation before = generations.active();
        rebuild.hooks(new ReadModelRebuild.Hooks() {
            @Override
            public void whileSwitching() {
                throw new IllegalStateException("simulated outage");
            }
        });

        startRebuild();
        Map<String, Object> failed = awaitRebuildFinished();

        assertThat(failed).containsEntry("state", "FAILED");
        assertThat((String) failed.get("error")).contains("simulated outage").contains("stays active")
                                                .contains("POST /api/admin/rebuild");
        assertThat(failed.get("finishedAt")).isNotNull();
        assertThat(generations.pointer()).isEqualTo(new Generations.Pointer(before, null, null));
        String later = unique("after-failure");
        post(step(later, "q", "LeadQualified", "2025-07-07T00:00:00Z", Map.of()));
        await("the live projection writing to the old generation",
              () -> byId(before, Generation.JOURNEY_STEPS, later + "/0") != null);

        rebuild.hooks(null);
        startRebuild();
        assertThat(awaitRebuildFinished()).containsEntry("state", "COMPLETED");
        assertThat(byId(generations.active(), Generation.JOURNEY_STEPS, later + "/0")).isNotNull();
    }

    private long count(Generation generation, String base) {
        return database.getCollection(generation.collection(base)).countDocuments();
    }

    private long engineEventCount() {
        return database.getCollection("events").countDocuments(new Document("tombstone", new Document("$ne", true)));
    }

    private Map<String, Object> startRebuild() {
        return http.post().uri("/api/admin/rebuild").exchange()
                   .expectStatus().isAccepted()
                   .expectHeader().location("/api/admin/rebuild")
                   .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        return http.get().uri("/api/admin/rebuild").exchange().expectStatus().isOk()
                   .expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, Object> awaitRebuildFinished() {
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        await("the rebuild to finish", () -> {
            last.set(status());
            return !State.valueOf((String) last.get().get("state")).inProgress();
        });
        return last.get();
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.chain.TestActors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Batches that race to create the same new journey all land: the one that loses retries on the winner's events. */
class ConcurrentIntakeTest extends StepsApiTestSupport {

    @Autowired
    StepIngestion ingestion;

    @Test
    void batchesRacingToCreateTheSameJourney_allLand_withEveryStepOnce() throws Exception {
        int writers = 4;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                String lead = unique("lead-race");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<StepBatchResult>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String stepId = lead + "-touch-" + w;
                    String occurredAt = "2024-04-0" + (1 + w);
                    results.add(pool.submit(() -> {
                        start.await();
                        return ingestion.ingest(List.of(new StepRequest(stepId, "AssetUsed", occurredAt, lead, null,
                                                                        null, Map.of("assetId", "A-1"))),
                                                        TestActors.RECORDER);
                    }));
                }
                start.countDown();
                for (Future<StepBatchResult> result : results) {
                    assertThat(result.get().accepted()).isEqualTo(1);
                }
                assertThat(events("journey:" + lead)).hasSize(writers);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

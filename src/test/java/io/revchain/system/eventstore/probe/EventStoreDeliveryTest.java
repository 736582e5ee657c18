package io.revchain.system.eventstore.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.revchain.system.eventstore.probe.ProbeMessages.AddToTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(properties = "revchain.mongodb.embedded.backend=memory")
@ActiveProfiles("probe")
class EventStoreDeliveryTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    MongoDatabase database;

    @Test
    void concurrentWriters_projectionSeesEveryEventExactlyOnce() throws Exception {
        long before = database.getCollection("probe_deliveries").countDocuments();
        int writers = 4;
        int commandsPerWriter = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < commandsPerWriter; i++) {
                    commands.sendAndWait(new AddToTally(writer + "-" + (i % 50), 1));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long expected = before + writers * commandsPerWriter;

        awaitDeliveries(expected, Duration.ofSeconds(60));

        assertThat(database.getCollection("probe_deliveries").countDocuments()).isEqualTo(expected);
        assertThat(database.getCollection("probe_deliveries").countDocuments(Filters.ne("count", 1))).isZero();
        assertThat(database.getCollection("probe_totals").countDocuments(Filters.regex("_id", "^w"))).isEqualTo(200);
    }

    @Test
    void eventWhoseCommitIsDelayed3sPastCreation_isStillDelivered() throws Exception {
        long before = database.getCollection("probe_deliveries").countDocuments();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch created = new CountDownLatch(1);
        Future<?> slow = pool.submit(() -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.onPrepareCommit(u -> sleep(3_000));
            commands.sendAndWait(new AddToTally("slow", 5));
            created.countDown();
            unitOfWork.commit();
            return null;
        });
        created.await();
        commands.sendAndWait(new AddToTally("fast", 1));
        awaitDeliveries(before + 1, Duration.ofSeconds(10));
        slow.get();
        pool.shutdown();

        awaitDeliveries(before + 2, Duration.ofSeconds(10));

        org.bson.Document slowTotal = database.getCollection("probe_totals").find(Filters.eq("_id", "slow")).first();
        assertThat(slowTotal).isNotNull();
        assertThat(slowTotal.getInteger("total")).isEqualTo(5);
    }

    private void awaitDeliveries(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (database.getCollection("probe_deliveries").countDocuments() < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(database.getCollection("probe_deliveries").countDocuments()).isGreaterThanOrEqualTo(expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

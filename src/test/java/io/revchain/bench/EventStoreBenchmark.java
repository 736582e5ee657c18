package io.revchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import io.revchain.system.StoreDurability;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import io.revchain.system.eventstore.probe.ProbeMessages.AddToTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Event store figures on the embedded server (H2 by default; {@code -Dbench.backend=memory} for the memory backend),
 * each against the raw driver on the same server in the same run. See docs/benchmarks.md.
 */
@Tag("bench")
@SpringBootTest(properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/eventstore-${random.uuid}"})
@ActiveProfiles({"probe", "bench"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventStoreBenchmark {

    private static final int STORED = Integer.getInteger("bench.events", 300_000);
    private static final int COMMANDS = 2_000;
    private static final int BATCH = 100;

    @Autowired
    CommandGateway commands;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    NoopProjection noop;
    @Autowired
    StoreDurability durability;

    record Filled(String id, int n, String note, Instant at) {
    }

    @Test
    @Order(1)
    void perCommandCost_doesNotGrowWithStoreSize_appendsKeepUpWithInsertMany() throws Exception {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        BenchReport.heading("Event store: per-command cost, append throughput");
        fill(1_000);
        double small = commandsPerSecond("small");
        BenchReport.line("- commands/s with %,d events stored: %,.0f", engine.headSequence(), small);

        long t0 = System.nanoTime();
        int appended = fill(STORED);
        double appendRate = appended / BenchReport.seconds(System.nanoTime() - t0);
        double rawRate = rawInsertManyRate(appended, false);
        double durableRawRate = rawInsertManyRate(appended, true);
        BenchReport.line("- append, batches of %d events: %,.0f events/s; raw insertMany of the same documents: "
                                 + "%,.0f docs/s, ratio **%.2f×** (goal ≥ 0.5×); raw insertMany with the same "
                                 + "durable commit per batch: %,.0f docs/s, ratio **%.2f×**", BATCH, appendRate,
                         rawRate, appendRate / rawRate, durableRawRate, appendRate / durableRawRate);

        double large = commandsPerSecond("large");
        BenchReport.line("- commands/s with %,d events stored: %,.0f; per-command cost ratio large/small "
                                 + "**%.2f** (goal ≤ 1.5)", engine.headSequence(), large, small / large);
        assertThat(large).isPositive();
    }

    @Test
    @Order(2)
    void replayThroughNoopProjection_keepsUpWithRawRead() throws Exception {
        long head = engine.headSequence();
        MongoCollection<Document> events = database.getCollection("events");

        RawReads.Rate scan = RawReads.fullScan(events);
        long scanned = scan.documents();
        double scanRate = scan.perSecond();
        double keyRate = RawReads.byKeyBatches(events, head).perSecond();

        StreamingEventProcessor processor = (StreamingEventProcessor) processing.eventProcessor(NoopProjection.GROUP)
                                                                               .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        noop.handled.set(0);
        long t0 = System.nanoTime();
        processor.start();
        while (noop.handled.get() < scanned) {
            Thread.sleep(20);
        }
        double replayRate = noop.handled.get() / BenchReport.seconds(System.nanoTime() - t0);
        processor.shutDown();

        BenchReport.heading("Event store: replay of %,d events".formatted(scanned));
        BenchReport.line("- raw full scan: %,.0f docs/s; raw `_id $in` batches of 1,000: %,.0f docs/s", scanRate,
                         keyRate);
        BenchReport.line("- replay through a no-op pooled streaming processor: %,.0f events/s; ratio to full scan "
                                 + "**%.2f×**, to `$in` batches **%.2f×** (goal ≥ 0.5×)", replayRate,
                         replayRate / scanRate, replayRate / keyRate);
        assertThat(noop.handled.get()).isEqualTo(scanned);
    }

    private double commandsPerSecond(String prefix) {
        // Warm-up long enough for the JIT, so that the small-store figure is not a cold-start figure.
        for (int i = 0; i < COMMANDS; i++) {
            commands.sendAndWait(new AddToTally("warm-" + prefix + (i % 200), 1));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < COMMANDS; i++) {
            commands.sendAndWait(new AddToTally(prefix + "-" + (i % 200), 1));
        }
        return COMMANDS / BenchReport.seconds(System.nanoTime() - t0);
    }

    /** Appends events in commits of {@value #BATCH} until the store holds {@code target}; returns how many. */
    private int fill(int target) {
        int appended = 0;
        long next = engine.headSequence();
        while (next < target) {
            List<EventMessage<?>> batch = new ArrayList<>(BATCH);
            String aggregate = "fill-" + next;
            for (int i = 0; i < BATCH; i++) {
                batch.add(new GenericDomainEventMessage<>("Filler", aggregate, i,
                                                          new Filled(aggregate, i, "a small payload", Instant.now())));
            }
            engine.appendEvents(batch);
            appended += BATCH;
            next += BATCH;
        }
        return appended;
    }

    private double rawInsertManyRate(int count, boolean durable) {
        MongoCollection<Document> raw = database.getCollection("bench_raw");
        Document template = database.getCollection("events").find(Filters.eq("_id", 2L)).first();
        long t0 = System.nanoTime();
        for (int done = 0; done < count; done += BATCH) {
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                Document copy = new Document(template);
                copy.put("_id", (long) done + i);
                copy.put("stream", "raw/" + (done + i));
                batch.add(copy);
            }
            raw.insertMany(batch, new InsertManyOptions().ordered(true));
            if (durable) {
                durability.commit();
            }
        }
        double rate = count / BenchReport.seconds(System.nanoTime() - t0);
        raw.drop();
        return rate;
    }
}

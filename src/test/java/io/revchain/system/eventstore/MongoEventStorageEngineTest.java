package io.revchain.system.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.revchain.system.AxonJson;
import io.revchain.system.EmbeddedMongo;
import io.revchain.system.MongoProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoEventStorageEngineTest {

    record Noted(String id, int n, Instant at) {
    }

    private EmbeddedMongo server;
    private MongoClient client;
    private MongoDatabase database;
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonJson.objectMapper()).build();

    @BeforeEach
    void startServer() {
        server = EmbeddedMongo.start(new MongoProperties.Embedded("memory", null, null, 0, null));
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("test");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    private MongoEventStorageEngine.Builder builder() {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).batchSize(100);
    }

    private static DomainEventMessage<Noted> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Probe", aggregate, sequence,
                                               new Noted(aggregate, (int) sequence, Instant.parse("2025-07-01T10:00:00Z")));
    }

    private static List<TrackedEventMessage<?>> readAll(MongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    @Test
    void aggregateStream_readsBackInSequenceOrder_acrossWindows() {
        MongoEventStorageEngine engine = builder().build();
        for (int i = 0; i < 150; i++) {
            engine.appendEvents(event("a-1", i));
        }
        engine.appendEvents(event("b-1", 0));

        List<Long> sequences = engine.readEvents("a-1").asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(sequences).hasSize(150).isSorted().startsWith(0L).endsWith(149L);
        assertThat(engine.readEvents("a-1", 148).asStream().count()).isEqualTo(2);
        assertThat(engine.lastSequenceNumberFor("a-1")).contains(149L);
        assertThat(engine.lastSequenceNumberFor("missing")).isEmpty();
    }

    @Test
    void payload_isStoredAsBsonDocument_withGlobalSequenceAsKey() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("a-1", 0), event("a-1", 1));

        Document stored = database.getCollection("events").find(Filters.eq("_id", 2L)).first();

        assertThat(stored).isNotNull();
        assertThat(stored.getString("stream")).isEqualTo("a-1/1");
        Document payload = stored.get("payload", Document.class);
        assertThat(payload.getString("id")).isEqualTo("a-1");
        assertThat(payload.getInteger("n")).isEqualTo(1);
        assertThat(engine.readEvents("a-1").asStream().map(e -> (Noted) e.getPayload()).toList())
                .containsExactly(new Noted("a-1", 0, Instant.parse("2025-07-01T10:00:00Z")),
                                 new Noted("a-1", 1, Instant.parse("2025-07-01T10:00:00Z")));
    }

    record Priced(String id, java.math.BigDecimal amount, java.util.List<String> tags) {
    }

    @Test
    void decimalsAndListsRoundTripExactly_decimalsStoredAsDecimal128() {
        MongoEventStorageEngine engine = builder().build();
        Priced priced = new Priced("a-1", new java.math.BigDecimal("1200.50"), java.util.List.of("x", "y"));
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", "p-1", 0, priced));

        Document payload = database.getCollection("events").find().first().get("payload", Document.class);

        assertThat(payload.get("amount")).isEqualTo(new org.bson.types.Decimal128(new java.math.BigDecimal("1200.50")));
        assertThat(engine.readEvents("p-1").asStream().findFirst().orElseThrow().getPayload()).isEqualTo(priced);
    }

    @Test
    void appendAtTakenSequence_failsWithConcurrencyError_andOverwritesNothing() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("a-1", 0), event("a-1", 1));

        DomainEventMessage<Noted> rival = new GenericDomainEventMessage<>(
                "Probe", "a-1", 1, new Noted("rival", 99, Instant.EPOCH));
        assertThatThrownBy(() -> engine.appendEvents(rival)).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("a-1").asStream().map(e -> ((Noted) e.getPayload()).n()).toList())
                .containsExactly(0, 1);
        assertThat(readAll(engine, null)).hasSize(2);
    }

    @Test
    void concurrentAppendsToOneAggregate_oneWins_otherGetsConcurrencyError() throws Exception {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("a-1", 0));
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    engine.appendEvents(new GenericDomainEventMessage<>(
                            "Probe", "a-1", 1, new Noted("writer", writer, Instant.EPOCH)));
                    return true;
                } catch (ConcurrencyException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> outcome : outcomes) {
            wins += outcome.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(wins).isEqualTo(1);
        assertThat(engine.readEvents("a-1").asStream().count()).isEqualTo(2);
        // Losers' reserved numbers are tombstoned: trackers see exactly the two events and no gaps remain.
        List<TrackedEventMessage<?>> tracked = readAll(engine, null);
        assertThat(tracked).hasSize(2);
        engine.appendEvents(event("b-1", 0));
        GapAwareTrackingToken last = (GapAwareTrackingToken) readAll(engine, tracked.get(1).trackingToken())
                .get(0).trackingToken();
        assertThat(last.getGaps()).isEmpty();
        assertThat(last.getIndex()).isEqualTo(engine.headSequence());
    }

    @Test
    void eventCommittedLate_isStillDelivered_afterLaterEventsWereRead() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder().gapTimeout(Duration.ofSeconds(30))) {
            @Override
            protected void insert(List<Document> documents) {
                if (documents.get(0).getString("stream").startsWith("slow/")) {
                    reserved.countDown();
                    await(release);
                }
                super.insert(documents);
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> engine.appendEvents(event("slow", 0)));
        reserved.await();
        engine.appendEvents(event("fast", 0));

        List<TrackedEventMessage<?>> first = readAll(engine, null);
        assertThat(first).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("fast");
        GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L);

        Thread.sleep(3000);
        release.countDown();
        slow.get();
        pool.shutdown();

        List<TrackedEventMessage<?>> late = readAll(engine, token);
        assertThat(late).extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier()).containsExactly("slow");
        assertThat(((GapAwareTrackingToken) late.get(0).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void numberReservedButNeverWritten_isGivenUpAfterGapTimeout() throws Exception {
        MongoEventStorageEngine engine = builder().gapTimeout(Duration.ofMillis(500)).build();
        engine.appendEvents(event("a-1", 0));
        // A writer that reserved number 2 and died before writing it.
        database.getCollection("sequences").updateOne(Filters.eq("_id", "events"), Updates.inc("value", 1L));
        engine.appendEvents(event("a-1", 1));

        List<TrackedEventMessage<?>> read = readAll(engine, null);
        assertThat(read).hasSize(2);
        GapAwareTrackingToken token = (GapAwareTrackingToken) read.get(1).trackingToken();
        assertThat(token.getGaps()).containsExactly(2L);

        Thread.sleep(700);
        engine.appendEvents(event("a-1", 2));
        List<TrackedEventMessage<?>> next = readAll(engine, token);
        assertThat(next).hasSize(1);
        assertThat(((GapAwareTrackingToken) next.get(0).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void trackingFromTail_deliversEveryEventOnce_inGlobalOrder() {
        MongoEventStorageEngine engine = builder().build();
        for (int i = 0; i < 250; i++) {
            engine.appendEvents(event("agg-" + (i % 7), i / 7));
        }

        List<TrackedEventMessage<?>> all = readAll(engine, engine.createTailToken());

        assertThat(all).hasSize(250);
        assertThat(all.stream().map(TrackedEventMessage::getIdentifier).distinct().count()).isEqualTo(250);
        assertThat(all.stream().mapToLong(e -> e.trackingToken().position().orElseThrow()).toArray()).isSorted();
        assertThat(readAll(engine, engine.createHeadToken())).isEmpty();
    }

    @Test
    void concurrentWritersToDifferentAggregates_allLand_withDistinctSequenceNumbers() throws Exception {
        MongoEventStorageEngine engine = builder().build();
        int writers = 4;
        int perWriter = 300;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    engine.appendEvents(event("w" + writer + "-" + (i % 10), i / 10));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(engine.headSequence()).isEqualTo(writers * perWriter);
        assertThat(readAll(engine, null)).hasSize(writers * perWriter);
    }

    record NotedV2(String id, int n, Instant at, String source) {
    }

    /** Renames the stored type and adds a field, as a schema change of an event class would need. */
    static final class NotedUpcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(Noted.class.getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(NotedV2.class.getName(), "2"),
                                                JsonNode.class, node -> {
                        ((ObjectNode) node).put("source", "before-v2");
                        return node;
                    });
        }
    }

    @Test
    void upcasters_applyOnEveryRead_ofAggregatesAndTrackers() {
        MongoEventStorageEngine plain = builder().build();
        plain.appendEvents(event("a-1", 0));
        MongoEventStorageEngine upcasting = builder().upcasterChain(new NotedUpcaster()).build();

        Object loaded = upcasting.readEvents("a-1").asStream().findFirst().orElseThrow().getPayload();
        Object tracked = readAll(upcasting, null).get(0).getPayload();

        NotedV2 expected = new NotedV2("a-1", 0, Instant.parse("2025-07-01T10:00:00Z"), "before-v2");
        assertThat(loaded).isEqualTo(expected);
        assertThat(tracked).isEqualTo(expected);
    }

    @Test
    void snapshot_keepsTheLatestOnly() {
        MongoEventStorageEngine engine = builder().build();
        engine.storeSnapshot(event("a-1", 5));
        engine.storeSnapshot(event("a-1", 9));
        engine.storeSnapshot(event("a-1", 7));

        assertThat(engine.readSnapshot("a-1")).get().extracting(DomainEventMessage::getSequenceNumber).isEqualTo(9L);
        assertThat(engine.readSnapshot("b-1")).isEmpty();
    }

    @Test
    void trackersReadThisNodesRecentEvents_exactlyAsTheStoreHoldsThem_andOtherNodesEventsFromTheStore() {
        MongoEventStorageEngine node = builder().build();
        MongoEventStorageEngine otherNode = builder().build();
        MongoEventStorageEngine fromStoreOnly = builder().recentEvents(0).build();
        Priced priced = new Priced("a-1", new java.math.BigDecimal("1200.50"), List.of("x", "y"));
        node.appendEvents(new GenericDomainEventMessage<>("Probe", "p-1", 0, priced,
                                                          org.axonframework.messaging.MetaData.with("origin", "n1")));
        otherNode.appendEvents(event("o-1", 0));
        node.appendEvents(event("a-1", 0), event("a-1", 1));

        List<TrackedEventMessage<?>> viaNode = readAll(node, null);
        List<TrackedEventMessage<?>> viaStore = readAll(fromStoreOnly, null);

        assertThat(viaNode).hasSize(4);
        assertThat(viaNode).extracting(TrackedEventMessage::getIdentifier).containsExactlyElementsOf(
                viaStore.stream().map(TrackedEventMessage::getIdentifier).toList());
        for (int i = 0; i < viaNode.size(); i++) {
            assertThat(viaNode.get(i).getPayload()).isEqualTo(viaStore.get(i).getPayload());
            assertThat(viaNode.get(i).getMetaData()).isEqualTo(viaStore.get(i).getMetaData());
            assertThat(viaNode.get(i).getTimestamp()).isEqualTo(viaStore.get(i).getTimestamp());
            assertThat(viaNode.get(i).trackingToken()).isEqualTo(viaStore.get(i).trackingToken());
        }
        assertThat(viaNode.get(0).getPayload()).isEqualTo(priced);
        assertThat(viaNode.get(1).getPayload()).isEqualTo(new Noted("o-1", 0, Instant.parse("2025-07-01T10:00:00Z")));
    }

    @Test
    void failedCommit_isNeverServedFromMemory() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("a-1", 0));

        assertThatThrownBy(() -> engine.appendEvents(event("b-1", 0), event("a-1", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        List<TrackedEventMessage<?>> all = readAll(engine, null);
        assertThat(all).hasSize(1);
        assertThat(((DomainEventMessage<?>) all.get(0)).getAggregateIdentifier()).isEqualTo("a-1");
    }

    @Test
    void aggregatesPrefetchedAsNew_loadWithoutTheirStream_butACommitRacingAnotherWriterStillFails() {
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(event("old-1", 0), event("old-1", 1));
        org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork =
                org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(engine.prefetchNewAggregates(List.of("old-1", "new-1", "new-2")))
                    .containsExactlyInAnyOrder("new-1", "new-2");
            assertThat(engine.readEvents("old-1").asStream().count()).isEqualTo(2);
            assertThat(engine.readEvents("new-1").asStream().count()).isZero();

            builder().build().appendEvents(event("new-2", 0));

            // Axon's name for a clash on an aggregate's first event.
            assertThatThrownBy(() -> engine.appendEvents(event("new-2", 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        } finally {
            unitOfWork.rollback();
        }
        assertThat(engine.readEvents("new-2").asStream().count()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eventsStoredInTodaysFormat_loadUnchanged_besideCompactOnes() {
        // Byte for byte the documents the engine wrote before compact documents: full class name, sequenceNumber,
        // null revision, id and metadata ids as text.
        String eventId = "5f0c1d7e-2b3a-4c5d-8e9f-0a1b2c3d4e5f";
        String trace = "0b6f1c2e-7a4d-4c1e-9f3a-2b8d5e6f7a81";
        Instant at = Instant.parse("2025-07-01T10:00:00.123Z");
        database.getCollection("events").insertOne(new Document("_id", 1L)
                .append("stream", "journey:L-1/0").append("aggregateId", "journey:L-1")
                .append("aggregateType", "Journey").append("sequenceNumber", 0L).append("eventId", eventId)
                .append("timestamp", java.util.Date.from(at)).append("recordedAt", java.util.Date.from(at))
                .append("payloadType", Noted.class.getName()).append("payloadRevision", null)
                .append("payload", new Document("id", "L-1").append("n", 7).append("at", "2025-07-01T10:00:00Z"))
                .append("metaData", new Document("traceId", trace).append("correlationId", trace)
                                                                   .append("principalId", "user:ann")));
        database.getCollection("sequences").insertOne(new Document("_id", "events").append("value", 1L));
        MongoEventStorageEngine engine = builder().build();
        engine.appendEvents(new GenericDomainEventMessage<>("Journey", "journey:L-1", 1,
                new Noted("L-1", 8, at), org.axonframework.messaging.MetaData.with("traceId", trace)
                        .and("principalId", "user:ann").and("note", "NOT-A-UUID-0000-0000-0000-000000000000")));

        List<? extends DomainEventMessage<?>> loaded = engine.readEvents("journey:L-1").asStream().toList();
        List<TrackedEventMessage<?>> tracked = readAll(engine, null);

        assertThat(loaded).hasSize(2);
        DomainEventMessage<?> old = loaded.get(0);
        assertThat(old.getIdentifier()).isEqualTo(eventId);
        assertThat(old.getSequenceNumber()).isZero();
        assertThat(old.getAggregateIdentifier()).isEqualTo("journey:L-1");
        assertThat(old.getPayload()).isEqualTo(new Noted("L-1", 7, Instant.parse("2025-07-01T10:00:00Z")));
        assertThat(old.getMetaData()).containsEntry("traceId", trace).containsEntry("correlationId", trace)
                                     .containsEntry("principalId", "user:ann");
        DomainEventMessage<?> compact = loaded.get(1);
        assertThat(compact.getSequenceNumber()).isEqualTo(1);
        assertThat(compact.getAggregateIdentifier()).isEqualTo("journey:L-1");
        assertThat(compact.getPayload()).isEqualTo(new Noted("L-1", 8, at));
        assertThat(compact.getMetaData()).containsEntry("traceId", trace).containsEntry("principalId", "user:ann")
                                         .containsEntry("note", "NOT-A-UUID-0000-0000-0000-000000000000");
        assertThat(tracked).extracting(TrackedEventMessage::getIdentifier)
                           .containsExactly(eventId, compact.getIdentifier());
        Document stored = database.getCollection("events").find(Filters.eq("_id", 2L)).first();
        assertThat(stored).doesNotContainKeys("sequenceNumber", "payloadRevision", "aggregateId", "aggregateType")
                          .containsEntry("stream", "journey:L-1/1");
        assertThat(stored.get("eventId")).isInstanceOf(org.bson.types.Binary.class);
        assertThat(stored.get("metaData", Document.class).get("traceId")).isInstanceOf(org.bson.types.Binary.class);
        assertThat(stored.getString("payloadType")).isEqualTo(Noted.class.getName()).as("no alias: full name");
    }

    @Test
    void compactDocument_keepsTheAggregateTypeOnlyWhenTheIdsPrefixDoesNotNameIt() {
        MongoEventStorageEngine engine = builder().build();
        Instant at = Instant.parse("2025-07-01T10:00:00Z");
        engine.appendEvents(new GenericDomainEventMessage<>("Journey", "journey:L-9", 0, new Noted("L-9", 1, at)),
                            new GenericDomainEventMessage<>("SupplyChainMap", "map:emea", 0, new Noted("m", 2, at)),
                            new GenericDomainEventMessage<>("Probe", "plain-id", 0, new Noted("p", 3, at)),
                            new GenericDomainEventMessage<>("Probe", "~odd", 0, new Noted("o", 4, at)));

        MongoCollection<Document> events = database.getCollection("events");
        assertThat(events.find(Filters.eq("stream", "journey:L-9/0")).first())
                .doesNotContainKeys("aggregateId", "aggregateType");
        assertThat(events.find(Filters.eq("stream", "map:emea/0")).first())
                .doesNotContainKey("aggregateId").containsEntry("aggregateType", "SupplyChainMap");
        assertThat(events.find(Filters.eq("stream", "plain-id/0")).first()).containsEntry("aggregateType", "Probe");
        assertThat(events.find(Filters.eq("stream", "~odd/0")).first())
                .containsEntry("aggregateId", "~odd").containsEntry("sequenceNumber", 0L);
        for (String aggregate : List.of("journey:L-9", "map:emea", "plain-id", "~odd")) {
            DomainEventMessage<?> loaded = engine.readEvents(aggregate).next();
            assertThat(loaded.getAggregateIdentifier()).isEqualTo(aggregate);
            assertThat(loaded.getSequenceNumber()).isZero();
        }
        assertThat(readAll(engine, null)).map(e -> ((DomainEventMessage<?>) e).getType())
                                         .containsExactly("Journey", "SupplyChainMap", "Probe", "Probe");
        assertThat(engine.readEvents("journey:L-9").next().getType()).isEqualTo("Journey");
    }

    @Test
    void everyEventClass_hasItsOwnAlias_andBothNamesLoadTheClass() throws Exception {
        java.util.Set<String> aliases = new java.util.HashSet<>();
        for (java.util.Map.Entry<String, String> entry : EventTypeAliases.table().entrySet()) {
            Class<?> type = Class.forName(entry.getValue());
            assertThat(type.isRecord()).as(entry.getValue()).isTrue();
            assertThat(aliases.add(entry.getKey())).isTrue();
            assertThat(EventTypeAliases.stored(entry.getValue())).isEqualTo(entry.getKey());
            assertThat(EventTypeAliases.className(entry.getKey())).isEqualTo(entry.getValue());
            assertThat(EventTypeAliases.className(entry.getValue())).isEqualTo(entry.getValue());
        }
        for (String sealed : List.of("io.revchain.journey.JourneyEvent", "io.revchain.campaign.CampaignEvent",
                                     "io.revchain.segment.SegmentEvent", "io.revchain.map.MapEvent",
                                     "io.revchain.session.SessionEvent", "io.revchain.identity.UserEvent",
                                     "io.revchain.identity.ApiKeyEvent", "io.revchain.target.TargetEvent")) {
            for (Class<?> event : Class.forName(sealed).getPermittedSubclasses()) {
                assertThat(EventTypeAliases.stored(event.getName())).as(event.getName())
                                                                    .isEqualTo(event.getSimpleName());
            }
        }
    }
}

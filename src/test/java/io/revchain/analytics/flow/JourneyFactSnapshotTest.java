package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.Cut;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowQuery;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.SegmentFacts;
import io.revchain.analytics.StageMetrics;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.TransitionMetrics;
import io.revchain.analytics.Window;
import io.revchain.chain.TestActors;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.ParkedEvents;
import io.revchain.system.ProcessorGuards;
import io.revchain.system.StoreDurability;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * Snapshots of the journey facts (issue 13): a node that starts from the stored snapshot and reads the events after
 * it holds exactly the facts of a node that read every event (every journey, every step with its business time and
 * its record time, campaigns, segments, attribute names), so every figure under every cut is the same; a snapshot of
 * another version is never used and is replaced; and a write that dies half-way, or a damaged snapshot, is never used.
 * <p>
 * Real intake, real event store, real snapshot documents; each test keeps its snapshots in a database of its own so
 * that the shared context's node does not interfere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class JourneyFactSnapshotTest {

    private static final String[] FUNNEL = {"LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted",
                                            "OpportunityOpened"};
    private static final String[] CHANNELS = {"web", "email", "event", "partner"};
    private static final String[] PRODUCTS = {"core", "suite", "connect"};

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    ParkedEvents parked;
    @Autowired
    ProcessorGuards guards;
    @Autowired
    MongoClient client;
    @Autowired
    Serializer serializer;
    @Autowired
    StepIngestion ingestion;

    private final List<JourneyFactIndex> started = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private MongoDatabase snapshotDatabase;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void ownSnapshotDatabase() {
        snapshotDatabase = client.getDatabase("fact-snapshots-" + run);
    }

    @AfterEach
    void stopNodes() {
        started.forEach(JourneyFactIndex::stop);
        snapshotDatabase.drop();
    }

    @Test
    void snapshotPlusTail_holdsExactlyTheFactsOfAFullRead_onBothTimelines() {
        Random random = new Random(13);
        List<String> journeys = new ArrayList<>();
        for (int j = 0; j < 120; j++) {
            journeys.add("snap-" + run + "-" + j);
        }
        Instant base = Instant.parse("2025-04-01T00:00:00Z");
        Map<String, Instant> firstAt = new HashMap<>();
        List<StepRequest> before = new ArrayList<>();
        List<StepRequest> late = new ArrayList<>();
        for (String journey : journeys) {
            Instant at = base.plus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
            firstAt.put(journey, at);
            int reach = 1 + random.nextInt(FUNNEL.length);
            for (int s = 0; s < reach; s++) {
                Map<String, Object> attributes = new HashMap<>();
                attributes.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
                attributes.put("product", PRODUCTS[random.nextInt(PRODUCTS.length)]);
                attributes.put("score", random.nextInt(100));
                StepRequest step = new StepRequest(journey + "-" + s, FUNNEL[s], at.toString(), journey, null, null,
                                                   attributes);
                // Every fourth journey's capture arrives late: recorded after the snapshot, in business time before
                // the steps the snapshot already holds.
                (s == 0 && journeys.indexOf(journey) % 4 == 0 && reach > 1 ? late : before).add(step);
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(9 * 24 * 60)));
            }
        }
        String campaign = "snap-campaign-" + run;
        String segment = "snap-segment-" + run;
        ingest(List.of(new StepRequest(segment + "-1", "SegmentProfiled", "2025-03-01T09:00:00Z", null, segment, null,
                                       Map.of("name", "Mid-market"))));
        before.add(new StepRequest(campaign + "-1", "CampaignLaunched", "2025-03-20T09:00:00Z", null, null, campaign,
                                   Map.of("segment", segment, "name", "Spring", "channel", "webinar",
                                          "budget", "900")));
        ingest(before);

        JourneyFactIndex first = node(true);
        first.snapshotNow();
        FactSnapshots.Description written = snapshots().current();
        assertThat(written).isNotNull();
        assertThat(written.position()).isEqualTo(first.position());
        Instant knownBeforeTail = Instant.now();

        // The tail: late steps, further steps of journeys the snapshot holds, new journeys, a campaign step, and a
        // batch sent again (an idempotent retry) that must not double anything.
        List<StepRequest> tail = new ArrayList<>(late);
        for (int j = 0; j < 30; j++) {
            String journey = "snap-" + run + "-new-" + j;
            Instant at = Instant.parse("2025-06-15T00:00:00Z").plus(Duration.ofHours(random.nextInt(2_000)));
            tail.add(new StepRequest(journey + "-0", "LeadCaptured", at.toString(), journey, null, null,
                                     Map.of("channel", "ads", "region", "dach", "owner", "rep-" + j % 5)));
            tail.add(new StepRequest(journey + "-1", "LeadQualified", at.plus(Duration.ofDays(2)).toString(), journey,
                                     null, null, Map.of("score", 70 + j)));
        }
        tail.add(new StepRequest(segment + "-2", "SegmentProfileRevised", "2025-04-01T09:00:00Z", null, segment, null,
                                 Map.of("name", "Mid-market EMEA", "needs", "compliance")));
        tail.add(new StepRequest(campaign + "-2", "AssetPublished", "2025-03-22T09:00:00Z", null, null, campaign,
                                 Map.of("assetId", "deck-" + run, "kind", "deck")));
        ingest(tail);
        ingest(tail.subList(0, 10));

        JourneyFactIndex fromSnapshot = node(true);
        JourneyFactIndex fullRead = node(false);

        assertThat(fromSnapshot.loadedSnapshot()).as("read the snapshot, then the tail").isNotNull();
        assertThat(fromSnapshot.loadedSnapshot().snapshotId()).isEqualTo(written.snapshotId());
        assertThat(fullRead.loadedSnapshot()).isNull();
        assertThat(fromSnapshot.position()).isEqualTo(fullRead.position()).isEqualTo(engine.headSequence());

        FactStore a = fromSnapshot.store();
        FactStore b = fullRead.store();
        Map<String, JourneyFacts> all = b.allJourneys();
        assertThat(a.allJourneys()).isEqualTo(all);
        assertThat(a.stepCount()).isEqualTo(b.stepCount());
        assertThat(a.journeyCount()).isEqualTo(b.journeyCount());
        assertThat(a.attributes()).isEqualTo(b.attributes()).contains("region", "owner", "product");
        assertThat(byId(a.campaigns())).isEqualTo(byId(b.campaigns()));
        assertThat(byId(a.campaigns()).get(campaign).steps()).hasSize(2);
        assertThat(segmentsById(a.segments())).isEqualTo(segmentsById(b.segments()));
        assertThat(segmentsById(a.segments()).get(segment).steps()).hasSize(2);

        // The late steps sit inside their journeys' business timelines, recorded after the snapshot.
        for (StepRequest step : late) {
            List<StepFact> steps = all.get(step.journeyId()).steps();
            StepFact fact = steps.stream().filter(f -> f.stepId().equals(step.stepId())).findFirst().orElseThrow();
            assertThat(steps.indexOf(fact)).isZero();
            assertThat(fact.recordedAt()).isAfter(knownBeforeTail).isAfter(steps.get(1).recordedAt());
        }
        assertThat(all.values().stream().mapToLong(f -> f.steps().size()).sum()).isEqualTo(b.stepCount());

        // The same figures under every kind of cut: today, a past business time, a past record time (before the
        // tail was recorded), and both.
        MapView.Budget budget = new MapView.Budget(1 << 20);
        FlowMap map = WindowSnapshotTest.FUNNEL;
        List<Cut> cuts = List.of(Cut.asOf(Instant.now()), Cut.asOf(Instant.parse("2025-07-01T00:00:00Z")),
                                 new Cut(Instant.now(), knownBeforeTail),
                                 new Cut(Instant.parse("2025-08-15T00:00:00Z"), knownBeforeTail));
        List<Window> windows = List.of(Window.quarter(2025, 2, ZoneOffset.UTC), Window.quarter(2025, 3, ZoneOffset.UTC),
                                       Window.ALL);
        for (Cut cut : cuts) {
            FlowSnapshot everything = FlowSnapshot.fromFacts(map, all.values(), cut);
            for (Window window : windows) {
                FlowQuery query = FlowQuery.in(window);
                FlowSnapshot snapshotSide = MapFacts.build(a, new MapView(map, budget), cut, List.of(window));
                FlowSnapshot fullSide = MapFacts.build(b, new MapView(map, budget), cut, List.of(window));
                assertThat(StageMetrics.stages(snapshotSide, query)).as(cut + " " + window)
                        .isEqualTo(StageMetrics.stages(fullSide, query))
                        .isEqualTo(StageMetrics.stages(everything, query));
                assertThat(TransitionMetrics.transitions(snapshotSide, query)).as(cut + " " + window)
                        .isEqualTo(TransitionMetrics.transitions(fullSide, query));
            }
        }
        FlowQuery quarter = FlowQuery.in(Window.quarter(2025, 2, ZoneOffset.UTC));
        assertThat(StageMetrics.stages(MapFacts.build(a, new MapView(map, budget), cuts.get(2), null), quarter))
                .as("knownAt before the tail hides the late steps: the cut is applied, not ignored")
                .isNotEqualTo(StageMetrics.stages(MapFacts.build(a, new MapView(map, budget), cuts.get(0), null),
                                                  quarter));
    }

    @Test
    void aSnapshotOfAnotherVersion_isIgnored_andReplacedByOneOfThisVersion() throws IOException {
        ingest(journey("old-format-" + run, 3));
        long head = engine.headSequence();
        // A snapshot an older version wrote, at the head (no event after it): its bytes mean something else.
        FactSnapshots.Description older = snapshots().write(
                new FactSnapshots.Header(FactSnapshotFormat.FORMAT - 1, "facts-" + (FactSnapshotFormat.FORMAT - 1)
                        + "; upcasters: ", head, new Document("type", "x").append("data", new Binary(new byte[1])),
                                         1, 1, "older node"),
                out -> out.write("bytes of another format".getBytes()));
        assertThat(snapshots().current().snapshotId()).isEqualTo(older.snapshotId());

        JourneyFactIndex node = node(true);
        JourneyFactIndex fullRead = node(false);

        assertThat(node.loadedSnapshot()).isNull();
        assertThat(node.snapshotProblem()).contains("of another version");
        assertThat(node.store().allJourneys()).isEqualTo(fullRead.store().allJourneys());
        assertThat(node.position()).isEqualTo(head);

        node.snapshotNow();
        FactSnapshots.Description replaced = snapshots().current();
        assertThat(replaced.snapshotId()).isNotEqualTo(older.snapshotId());
        assertThat(replaced.format()).isEqualTo(FactSnapshotFormat.FORMAT);
        assertThat(replaced.position()).isEqualTo(head);
        assertThat(node(true).loadedSnapshot().snapshotId())
                .isEqualTo(replaced.snapshotId());

        // Other upcasters make other facts of the same events: a snapshot under them is not used either.
        JourneyFactIndex otherUpcasters = new JourneyFactIndex(eventStore, engine, parked, guards, snapshots(),
                serializer, fingerprint() + ", io.example.SomeUpcaster", settings(true));
        start(otherUpcasters);
        assertThat(otherUpcasters.loadedSnapshot()).isNull();
        assertThat(otherUpcasters.store().allJourneys()).isEqualTo(fullRead.store().allJourneys());
    }

    @Test
    void aWriteThatDiesHalfWay_isNeverUsed_andItsChunksAreRemovedLater() throws IOException {
        ingest(journey("crash-a-" + run, 4));
        JourneyFactIndex first = node(true);
        first.snapshotNow();
        FactSnapshots.Description good = snapshots().current();
        ingest(journey("crash-b-" + run, 2));

        // A node dies while writing: some chunks are stored, the pointer never names them.
        FactStore.Frozen frozen = node(true).store().freeze();
        assertThatThrownBy(() -> snapshots().write(
                new FactSnapshots.Header(FactSnapshotFormat.FORMAT, fingerprint(), engine.headSequence(),
                                         new Document(), frozen.journeys().length, frozen.steps(), "dying node"),
                out -> {
                    FactSnapshotFormat.write(frozen, out);
                    throw new IOException("the node died here");
                })).hasMessageContaining("died");
        Document pointer = snapshotDatabase.getCollection(FactSnapshots.POINTERS).find().first();
        List<Document> pending = pointer.getList("pending", Document.class);
        assertThat(pending).hasSize(1);
        String abandoned = pending.get(0).getString("snapshotId");
        assertThat(chunk(abandoned, 0)).as("the dying write stored a chunk").isNotNull();
        assertThat(snapshots().current().snapshotId()).isEqualTo(good.snapshotId());

        JourneyFactIndex after = node(true);
        JourneyFactIndex fullRead = node(false);
        assertThat(after.loadedSnapshot().snapshotId()).isEqualTo(good.snapshotId());
        assertThat(after.store().allJourneys()).isEqualTo(fullRead.store().allJourneys())
                                                .containsKey("crash-b-" + run);

        // An hour later the next write removes what the dead one left.
        now.set(now.get().plus(Duration.ofHours(2)));
        after.snapshotNow();
        assertThat(chunk(abandoned, 0)).isNull();
        assertThat(snapshotDatabase.getCollection(FactSnapshots.POINTERS).find().first()
                                   .getList("pending", Document.class)).isEmpty();
        assertThat(snapshots().current().position()).isEqualTo(engine.headSequence());
    }

    @Test
    void aDamagedOrIncompleteSnapshot_isNeverUsed_theWholeStreamIsReadInstead() {
        ingest(journey("damaged-" + run, 5));
        JourneyFactIndex first = node(true);
        first.snapshotNow();
        FactSnapshots.Description current = snapshots().current();
        Map<String, JourneyFacts> expected = node(false).store().allJourneys();

        // One flipped byte: the checksum refuses it.
        Document chunk = chunk(current.snapshotId(), 0);
        byte[] data = chunk.get("data", Binary.class).getData();
        data[data.length / 2] ^= 0x20;
        snapshotDatabase.getCollection(FactSnapshots.CHUNKS)
                        .updateOne(Filters.eq("_id", chunk.get("_id")), Updates.set("data", new Binary(data)));
        JourneyFactIndex flipped = node(true);
        assertThat(flipped.loadedSnapshot()).isNull();
        assertThat(flipped.snapshotProblem()).contains("could not read snapshot " + current.snapshotId());
        assertThat(flipped.store().allJourneys()).isEqualTo(expected);

        // A chunk missing (a store that lost it, or a pointer written ahead of its chunks): never used either.
        snapshotDatabase.getCollection(FactSnapshots.CHUNKS).deleteOne(Filters.eq("_id", chunk.get("_id")));
        JourneyFactIndex missing = node(true);
        assertThat(missing.loadedSnapshot()).isNull();
        assertThat(missing.snapshotProblem()).contains("missing");
        assertThat(missing.store().allJourneys()).isEqualTo(expected);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private List<StepRequest> journey(String journeyId, int steps) {
        List<StepRequest> out = new ArrayList<>();
        Instant at = Instant.parse("2025-05-01T09:00:00Z");
        for (int s = 0; s < steps; s++) {
            out.add(new StepRequest(journeyId + "-" + s, FUNNEL[s % FUNNEL.length], at.toString(), journeyId, null,
                                    null, Map.of("channel", "web", "product", "core")));
            at = at.plus(Duration.ofDays(3));
        }
        return out;
    }

    private void ingest(List<StepRequest> steps) {
        ingestion.ingest(steps, TestActors.RECORDER);
    }

    private FactSnapshots snapshots() {
        return new FactSnapshots(snapshotDatabase, StoreDurability.NONE, clock);
    }

    private String fingerprint() {
        return "facts-" + FactSnapshotFormat.FORMAT + "; upcasters: test";
    }

    /** Snapshots written only when a test says so ({@code snapshotNow}), never on a timer or at shutdown. */
    private static JourneyFactsProperties.Snapshot settings(boolean load) {
        return new JourneyFactsProperties.Snapshot(false, load, Duration.ofHours(1), 1L);
    }

    /** A node's journey facts, started and loaded: from the snapshot if {@code load}, else from the first event. */
    private JourneyFactIndex node(boolean load) {
        JourneyFactIndex index = new JourneyFactIndex(eventStore, engine, parked, guards, snapshots(), serializer,
                                                      fingerprint(), settings(load));
        start(index);
        return index;
    }

    private void start(JourneyFactIndex index) {
        index.start();
        started.add(index);
        assertThat(index.awaitLoaded(Duration.ofSeconds(60))).as("loaded").isTrue();
    }

    private Document chunk(String snapshotId, int n) {
        return snapshotDatabase.getCollection(FactSnapshots.CHUNKS)
                               .find(Filters.eq("_id", FactSnapshots.chunkId(snapshotId, n))).first();
    }

    private static Map<String, SegmentFacts> segmentsById(List<SegmentFacts> segments) {
        Map<String, SegmentFacts> out = new HashMap<>();
        for (SegmentFacts s : segments) {
            List<StepFact> steps = new ArrayList<>(s.steps());
            steps.sort(Comparator.comparing(StepFact::stepId));
            out.put(s.segmentId(), new SegmentFacts(s.segmentId(), steps));
        }
        return out;
    }

    private static Map<String, CampaignFacts> byId(List<CampaignFacts> campaigns) {
        Map<String, CampaignFacts> out = new HashMap<>();
        for (CampaignFacts c : campaigns) {
            List<StepFact> steps = new ArrayList<>(c.steps());
            steps.sort(Comparator.comparing(StepFact::stepId));
            out.put(c.campaignId(), new CampaignFacts(c.campaignId(), steps));
        }
        return out;
    }
}

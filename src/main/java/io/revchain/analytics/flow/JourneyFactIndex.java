package io.revchain.analytics.flow;

import com.mongodb.client.MongoDatabase;
import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.SegmentFacts;
import io.revchain.analytics.StepFact;
import io.revchain.campaign.CampaignEvent;
import io.revchain.journey.JourneyEvent;
import io.revchain.segment.SegmentEvent;
import io.revchain.system.ParkedEvents;
import io.revchain.system.ParkedEvents.EventRef;
import io.revchain.system.ProcessorGuards;
import io.revchain.system.StoreDurability;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every journey's step facts, in memory on each node, compact ({@link FactStore}), so that a window, asOf or knownAt
 * query over any past quarter is answered without touching the store. Each node follows the whole event stream
 * itself (not a shared processor segment), so every node sees every journey.
 * <p>
 * A start reads the latest snapshot of the facts from the store ({@link FactSnapshots}, written by any node) and then
 * the events after its position (a gap-aware token: events committed late below it are still read), so it takes
 * seconds whatever the history; without a usable snapshot it reads the stream from the beginning. Snapshots are
 * written periodically once the facts have moved far enough past the stored one, and at shutdown.
 * <p>
 * An event it cannot turn into a fact (after a few attempts) is parked as {@value #PROCESSOR} and the rest is read
 * on; a parked event is read again at the next start (also when it lies before the snapshot's position) and resolved
 * once it succeeds. When reading the stream fails (the database is unreachable), it reads on from its last position
 * after a back-off of 1 s doubling up to 60 s, skipping nothing.
 * <p>
 * Campaign steps (budgets, the campaign's segment, published assets) are kept beside them for the money figures,
 * segment steps (profiles) for the object-centric export, and the names of every attribute a journey step carries,
 * so that a read can refuse a dimension nothing carries.
 */
@Component
class JourneyFactIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyFactIndex.class);

    static final String PROCESSOR = "journey-facts";
    private static final long MAX_BACK_OFF_MILLIS = 60_000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final EventStore eventStore;
    private final MongoEventStorageEngine storageEngine;
    private final ParkedEvents parked;
    private final ProcessorGuards guards;
    private final FactSnapshots snapshots;
    private final Serializer serializer;
    private final JourneyFactsProperties.Snapshot settings;
    private final String fingerprint;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private volatile FactStore store = new FactStore();
    private volatile TrackingToken last;
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile boolean retrying;
    private volatile SnapshotInfo loadedSnapshot;
    private volatile SnapshotInfo writtenSnapshot;
    private volatile String snapshotProblem;
    private volatile long storedPosition = -1;
    private volatile Future<?> snapshotWrite;
    private long nextSnapshotCheck;
    private Thread follower;
    private ExecutorService writer;

    @Autowired
    JourneyFactIndex(EventStore eventStore, MongoEventStorageEngine storageEngine, ParkedEvents parked,
                     ProcessorGuards guards, MongoDatabase database, StoreDurability durability,
                     Serializer serializer, ObjectProvider<EventUpcaster> upcasters,
                     JourneyFactsProperties properties) {
        // Upcasters change what old events say: a snapshot taken under other upcasters holds other facts.
        this(eventStore, storageEngine, parked, guards, new FactSnapshots(database, durability, Clock.systemUTC()),
             serializer, "facts-" + FactSnapshotFormat.FORMAT + "; upcasters: " + upcasters.orderedStream()
                     .map(u -> u.getClass().getName()).collect(Collectors.joining(", ")), properties.snapshot());
    }

    JourneyFactIndex(EventStore eventStore, MongoEventStorageEngine storageEngine, ParkedEvents parked,
                     ProcessorGuards guards, FactSnapshots snapshots, Serializer serializer, String fingerprint,
                     JourneyFactsProperties.Snapshot settings) {
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.parked = parked;
        this.guards = guards;
        this.snapshots = snapshots;
        this.serializer = serializer;
        this.settings = settings;
        this.fingerprint = fingerprint;
    }

    /** A snapshot this node read or wrote. */
    record SnapshotInfo(String snapshotId, long position, Instant writtenAt, long bytes, long millis, int journeys,
                        long steps, String writtenBy) {

        static SnapshotInfo of(FactSnapshots.Description d, long millis) {
            return new SnapshotInfo(d.snapshotId(), d.position(), d.writtenAt(), d.bytes(), millis, d.journeys(),
                                    d.steps(), d.writtenBy());
        }
    }

    @Override
    public void start() {
        running = true;
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "journey-facts-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        follower = new Thread(this::follow, "journey-fact-index");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        if (follower != null) {
            follower.interrupt();
            try {
                follower.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            awaitSnapshotWrite();
            if (settings.enabled() && (follower == null || !follower.isAlive()) && snapshotDue()) {
                // The follower has ended: its facts and position are final.
                snapshotNow();
            }
        } catch (RuntimeException e) {
            log.warn("Journey facts: could not write a snapshot at shutdown; the next start reads more events", e);
        } finally {
            if (writer != null) {
                writer.shutdownNow();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        long started = System.nanoTime();
        long[] lastReport = {started};
        long backOff = 1_000;
        Set<Long> parkedBefore = null;
        if (settings.load()) {
            last = loadSnapshot();
        }
        long snapshotEvents = position.get();
        nextSnapshotCheck = System.nanoTime() + settings.interval().toNanos();
        while (running) {
            try {
                if (parkedBefore == null) {
                    parkedBefore = parked.parkedSequences(PROCESSOR);
                    rereadParkedBefore(parkedBefore, snapshotEvents);
                }
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(last)) {
                    while (running) {
                        if (!stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                            if (!caughtUp) {
                                caughtUp = true;
                                SnapshotInfo from = loadedSnapshot;
                                log.info("Journey facts loaded: {} events{}, {} journeys in {} ms", events.get(),
                                         from == null ? "" : " after snapshot " + from.snapshotId() + " at event "
                                                 + from.position() + " (read in " + from.millis() + " ms)",
                                         store.journeyCount(),
                                         Duration.ofNanos(System.nanoTime() - started).toMillis());
                                nextSnapshotCheck = System.nanoTime();
                            }
                            considerSnapshot();
                            continue;
                        }
                        TrackedEventMessage<?> message = stream.nextAvailable();
                        handle(message, parkedBefore);
                        last = message.trackingToken();
                        message.trackingToken().position().ifPresent(position::set);
                        events.incrementAndGet();
                        if (retrying) {
                            retrying = false;
                            backOff = 1_000;
                            guards.succeeded(PROCESSOR);
                            log.info("Journey facts: reading the event stream again from event {}", position.get());
                        }
                        report(lastReport);
                        considerSnapshot();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                // Facts are deduplicated by step, so reading on from the last event handled is harmless.
                retrying = true;
                guards.failed(PROCESSOR, e);
                log.error("Journey facts: following the event stream failed at event {}; reading on from there in "
                                  + "{} ms. If the database is unreachable this resolves itself once it is back.",
                          position.get(), backOff, e);
                sleepQuietly(backOff);
                backOff = Math.min(MAX_BACK_OFF_MILLIS, backOff * 2);
            }
        }
    }

    /** Adds the event's fact, parking the event when that keeps failing; infrastructure failures are thrown. */
    private void handle(TrackedEventMessage<?> message, Set<Long> parkedBefore) throws Exception {
        EventRef ref = EventRef.of(message);
        FactStore facts = store;
        boolean handled = parked.handleOrPark(PROCESSOR, ref, null, () -> {
            // The type first: other events are never deserialized here.
            Class<?> type = message.getPayloadType();
            if (JourneyEvent.class.isAssignableFrom(type) && message.getPayload() instanceof JourneyEvent event) {
                facts.addJourneyStep(StepFacts.of(event, message.getTimestamp(), ref.sequence()), event.journeyId());
            } else if (CampaignEvent.class.isAssignableFrom(type)
                    && message.getPayload() instanceof CampaignEvent event) {
                facts.addCampaignStep(StepFacts.of(event, message.getTimestamp(), ref.sequence()),
                                      event.campaignId());
            } else if (SegmentEvent.class.isAssignableFrom(type)
                    && message.getPayload() instanceof SegmentEvent event) {
                facts.addSegmentStep(StepFacts.of(event, message.getTimestamp(), ref.sequence()), event.segmentId());
            }
        });
        if (handled && !parkedBefore.isEmpty() && parkedBefore.remove(ref.sequence())) {
            parked.resolve(PROCESSOR, ref.sequence(), "handled when node " + node + " read the event stream again");
        }
    }

    /**
     * Parked events before the snapshot's position are not in the stream read after it: each is read again on its
     * own, so that a start after a fix handles it, as a start without a snapshot would.
     */
    private void rereadParkedBefore(Set<Long> parkedBefore, long snapshotPosition) throws Exception {
        for (long sequence : new TreeSet<>(parkedBefore)) {
            if (sequence <= 0 || sequence > snapshotPosition) {
                continue;
            }
            TrackingToken before = GapAwareTrackingToken.newInstance(sequence - 1, List.of());
            Optional<? extends TrackedEventMessage<?>> event;
            try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(before, false)) {
                event = stream.findFirst();
            }
            if (event.isPresent() && event.get().trackingToken().position().orElse(-1) == sequence) {
                handle(event.get(), parkedBefore);
            }
        }
    }

    private void report(long[] lastReport) {
        if (!caughtUp && System.nanoTime() - lastReport[0] > 5_000_000_000L) {
            lastReport[0] = System.nanoTime();
            log.info("Loading journey facts: {} events read, {} journeys so far", events.get(), store.journeyCount());
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------------------------

    /** The stored snapshot's facts become this node's; answers the position to read on from, or null. */
    private TrackingToken loadSnapshot() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            long t0 = System.nanoTime();
            FactSnapshots.Description current = null;
            try {
                current = snapshots.current();
                if (current == null) {
                    log.info("Journey facts: no snapshot stored yet; reading the whole event stream");
                    return null;
                }
                storedPosition = current.position();
                if (current.format() != FactSnapshotFormat.FORMAT || !fingerprint.equals(current.fingerprint())) {
                    log.info("Journey facts: snapshot {} was written by another version ({}; this one: {}); reading "
                                     + "the whole event stream, and a snapshot of this version will replace it",
                             current.snapshotId(), current.fingerprint(), fingerprint);
                    snapshotProblem = "stored snapshot " + current.snapshotId() + " is of another version ("
                            + current.fingerprint() + ")";
                    storedPosition = -1;
                    return null;
                }
                TrackingToken token = token(current.token());
                FactStore restored = FactStore.restore(snapshots.read(current, FactSnapshotFormat::read));
                store = restored;
                position.set(current.position());
                long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                loadedSnapshot = SnapshotInfo.of(current, millis);
                log.info("Journey facts: read snapshot {} of {} journeys, {} steps at event {} (written by {} at {}, "
                                 + "{} bytes) in {} ms", current.snapshotId(), current.journeys(), current.steps(),
                         current.position(), current.writtenBy(), current.writtenAt(), current.bytes(), millis);
                return token;
            } catch (Exception e) {
                store = new FactStore();
                position.set(0);
                storedPosition = -1;
                snapshotProblem = "could not read snapshot " + (current == null ? "" : current.snapshotId()) + ": "
                        + e;
                if (attempt == 1) {
                    // Another node may have replaced it while this one read it.
                    log.info("Journey facts: could not read snapshot {} ({}); trying the current one once more",
                             current == null ? "" : current.snapshotId(), e.toString());
                } else {
                    log.warn("Journey facts: could not read the stored snapshot; reading the whole event stream. A "
                                     + "snapshot is never needed, only faster: a new one replaces it later.", e);
                }
            }
        }
        return null;
    }

    /** Called by the follower between events: hands a copy of the facts to the writer when one is due. */
    private void considerSnapshot() {
        if (!settings.enabled() || System.nanoTime() - nextSnapshotCheck < 0) {
            return;
        }
        nextSnapshotCheck = System.nanoTime() + settings.interval().toNanos();
        Future<?> inFlight = snapshotWrite;
        if ((inFlight != null && !inFlight.isDone()) || !snapshotDue()) {
            return;
        }
        TrackingToken token = last;
        long at = position.get();
        FactStore.Frozen frozen = store.freeze();
        snapshotWrite = writer.submit(() -> {
            try {
                writeSnapshot(frozen, token, at);
            } catch (RuntimeException e) {
                log.warn("Journey facts: could not write a snapshot; trying again in {}", settings.interval(), e);
            }
        });
    }

    /** Due when the facts are far enough past the snapshot this node knows to be stored. */
    private boolean snapshotDue() {
        return last != null && position.get() - Math.max(0, storedPosition) >= settings.minEvents();
    }

    private void awaitSnapshotWrite() {
        Future<?> inFlight = snapshotWrite;
        if (inFlight != null) {
            try {
                inFlight.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug("Journey facts: the snapshot being written did not finish", e);
            }
        }
    }

    private void writeSnapshot(FactStore.Frozen frozen, TrackingToken token, long at) {
        if (token == null) {
            return;
        }
        try {
            FactSnapshots.Description current = snapshots.current();
            if (current != null && current.format() == FactSnapshotFormat.FORMAT
                    && fingerprint.equals(current.fingerprint())) {
                storedPosition = Math.max(storedPosition, current.position());
                if (at - current.position() < settings.minEvents()) {
                    return;
                }
            }
            long t0 = System.nanoTime();
            FactSnapshots.Description written = snapshots.write(
                    new FactSnapshots.Header(FactSnapshotFormat.FORMAT, fingerprint, at, tokenDocument(token),
                                             frozen.journeys().length, frozen.steps(), node),
                    out -> FactSnapshotFormat.write(frozen, out));
            long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            if (written == null) {
                log.info("Journey facts: another node stored a snapshot at or past event {} meanwhile; kept that one",
                         at);
                return;
            }
            storedPosition = at;
            writtenSnapshot = SnapshotInfo.of(written, millis);
            snapshotProblem = null;
            log.info("Journey facts: wrote snapshot {} of {} journeys, {} steps at event {}: {} bytes in {} ms",
                     written.snapshotId(), written.journeys(), written.steps(), at, written.bytes(), millis);
        } catch (java.io.IOException e) {
            snapshotProblem = "could not write a snapshot: " + e;
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            snapshotProblem = "could not write a snapshot: " + e;
            throw e;
        }
    }

    private Document tokenDocument(TrackingToken token) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        return new Document("type", serialized.getType().getName())
                .append("revision", serialized.getType().getRevision())
                .append("data", new Binary(serialized.getData()));
    }

    private TrackingToken token(Document document) {
        return serializer.deserialize(new SimpleSerializedObject<>(document.get("data", Binary.class).getData(),
                                                                   byte[].class, document.getString("type"),
                                                                   document.getString("revision")));
    }

    // ---- what reads use -----------------------------------------------------------------------------------------

    FactStore store() {
        return store;
    }

    /** Every segment's steps, as recorded so far. */
    List<SegmentFacts> segments() {
        return store.segments();
    }

    /** Every journey's steps as recorded so far, each journey's list as it stood when it was read. */
    List<JourneyFacts> journeys() {
        return store.journeys();
    }

    /** Every campaign's steps, as recorded so far. */
    List<CampaignFacts> campaigns() {
        return store.campaigns();
    }

    /** The names of every attribute some recorded journey step carries, sorted. */
    Set<String> attributes() {
        return store.attributes();
    }

    /** Whether some recorded journey step carries the attribute. */
    boolean carries(String attribute) {
        return store.carries(attribute);
    }

    /** One journey's timeline under {@code map}; empty for a journey with no recorded step. */
    Optional<JourneyTimeline> timeline(String journeyId, FlowMap map) {
        JourneyFacts facts = store.journey(journeyId);
        return facts == null ? Optional.empty() : Optional.of(JourneyTimeline.of(facts, map));
    }

    /** Waits until the stream has been read to its end once; false if that takes longer than {@code timeout}. */
    boolean awaitLoaded(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp && System.nanoTime() < deadline) {
            sleepQuietly(20);
        }
        return caughtUp;
    }

    boolean isLoaded() {
        return caughtUp;
    }

    /** True while reading the stream failed and it waits to read on. */
    boolean isRetrying() {
        return retrying;
    }

    /** The global sequence number of the last event read. */
    long position() {
        return position.get();
    }

    int journeyCount() {
        return store.journeyCount();
    }

    long stepCount() {
        return store.stepCount();
    }

    long heapBytes() {
        return store.heapBytes();
    }

    SnapshotInfo loadedSnapshot() {
        return loadedSnapshot;
    }

    SnapshotInfo writtenSnapshot() {
        return writtenSnapshot;
    }

    String snapshotProblem() {
        return snapshotProblem;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Writes a snapshot now if the facts moved far enough past the stored one (tests; an operator waits for the
     * interval). The position is taken before the facts: facts past it are read again after a start and deduplicated,
     * whereas a position past the facts would lose events.
     */
    void snapshotNow() {
        TrackingToken token = last;
        long at = token == null ? 0 : token.position().orElse(0);
        writeSnapshot(store.freeze(), token, at);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

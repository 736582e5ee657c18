package io.revchain.analytics.flow;

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
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every journey's step facts, in memory on each node, so that a window, asOf or knownAt query over any past quarter
 * is answered without touching the store. Each node follows the whole event stream itself (not a shared processor
 * segment), so every node sees every journey. At start it reads the stream from the beginning and logs progress.
 * <p>
 * An event it cannot turn into a fact (after a few attempts) is parked as {@value #PROCESSOR} and the rest is read
 * on; a parked event that is read successfully on a later start (after a fix) is resolved. When reading the stream
 * fails (the database is unreachable), it reads on from its last position after a back-off of 1 s doubling up to
 * 60 s, skipping nothing.
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

    private final EventStore eventStore;
    private final ParkedEvents parked;
    private final ProcessorGuards guards;
    private final ConcurrentHashMap<String, Entry> journeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CampaignFacts> campaigns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SegmentFacts> segments = new ConcurrentHashMap<>();
    private final Set<String> attributes = ConcurrentHashMap.newKeySet();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile boolean retrying;
    private Thread follower;

    JourneyFactIndex(EventStore eventStore, ParkedEvents parked, ProcessorGuards guards) {
        this.eventStore = eventStore;
        this.parked = parked;
        this.guards = guards;
    }

    /** One journey's facts and its timeline under the last map it was asked for. */
    private record Entry(JourneyFacts facts, FlowMap map, JourneyTimeline timeline) {

        JourneyTimeline timeline(FlowMap wanted, ConcurrentHashMap<String, Entry> owner) {
            if (map == wanted) {
                return timeline;
            }
            JourneyTimeline computed = JourneyTimeline.of(facts, wanted);
            owner.replace(facts.journeyId(), this, new Entry(facts, wanted, computed));
            return computed;
        }
    }

    @Override
    public void start() {
        running = true;
        follower = new Thread(this::follow, "journey-fact-index");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        if (follower != null) {
            follower.interrupt();
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
        TrackingToken last = null;
        Set<Long> parkedBefore = null;
        while (running) {
            try {
                if (parkedBefore == null) {
                    parkedBefore = parked.parkedSequences(PROCESSOR);
                }
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(last)) {
                    while (running) {
                        if (!stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                            if (!caughtUp) {
                                caughtUp = true;
                                log.info("Journey facts loaded: {} events, {} journeys in {} ms", events.get(),
                                         journeys.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
                            }
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
        boolean handled = parked.handleOrPark(PROCESSOR, ref, null, () -> {
            // The type first: other events are never deserialized here.
            Class<?> type = message.getPayloadType();
            if (JourneyEvent.class.isAssignableFrom(type) && message.getPayload() instanceof JourneyEvent event) {
                StepFact fact = StepFacts.of(event, message.getTimestamp(), ref.sequence());
                attributes.addAll(fact.attributes().keySet());
                add(fact, event.journeyId());
            } else if (CampaignEvent.class.isAssignableFrom(type)
                    && message.getPayload() instanceof CampaignEvent event) {
                addCampaign(StepFacts.of(event, message.getTimestamp(), ref.sequence()), event.campaignId());
            } else if (SegmentEvent.class.isAssignableFrom(type)
                    && message.getPayload() instanceof SegmentEvent event) {
                addSegment(StepFacts.of(event, message.getTimestamp(), ref.sequence()), event.segmentId());
            }
        });
        if (handled && !parkedBefore.isEmpty() && parkedBefore.remove(ref.sequence())) {
            parked.resolve(PROCESSOR, ref.sequence(), "handled when node " + node + " read the event stream again");
        }
    }

    private void report(long[] lastReport) {
        if (!caughtUp && System.nanoTime() - lastReport[0] > 5_000_000_000L) {
            lastReport[0] = System.nanoTime();
            log.info("Loading journey facts: {} events read, {} journeys so far", events.get(), journeys.size());
        }
    }

    private void add(StepFact fact, String journeyId) {
        journeys.compute(journeyId, (id, old) -> {
            if (old == null) {
                return new Entry(new JourneyFacts(id, List.of(fact)), null, null);
            }
            for (StepFact known : old.facts().steps()) {
                if (known.stepId().equals(fact.stepId())) {
                    return old;
                }
            }
            List<StepFact> steps = new ArrayList<>(old.facts().steps().size() + 1);
            steps.addAll(old.facts().steps());
            steps.add(fact);
            return new Entry(new JourneyFacts(id, steps), null, null);
        });
    }

    private void addCampaign(StepFact fact, String campaignId) {
        campaigns.compute(campaignId, (id, old) -> {
            if (old == null) {
                return new CampaignFacts(id, List.of(fact));
            }
            for (StepFact known : old.steps()) {
                if (known.stepId().equals(fact.stepId())) {
                    return old;
                }
            }
            List<StepFact> steps = new ArrayList<>(old.steps());
            steps.add(fact);
            return new CampaignFacts(id, steps);
        });
    }

    private void addSegment(StepFact fact, String segmentId) {
        segments.compute(segmentId, (id, old) -> {
            if (old == null) {
                return new SegmentFacts(id, List.of(fact));
            }
            for (StepFact known : old.steps()) {
                if (known.stepId().equals(fact.stepId())) {
                    return old;
                }
            }
            List<StepFact> steps = new ArrayList<>(old.steps());
            steps.add(fact);
            return new SegmentFacts(id, steps);
        });
    }

    /** Every segment's steps, as recorded so far. */
    List<SegmentFacts> segments() {
        return List.copyOf(segments.values());
    }

    /** Every journey's steps as recorded so far, each journey's list as it stood when it was read. */
    List<JourneyFacts> journeys() {
        List<JourneyFacts> result = new ArrayList<>(journeys.size());
        for (Entry entry : journeys.values()) {
            result.add(entry.facts());
        }
        return result;
    }

    /** Every campaign's steps, as recorded so far. */
    List<CampaignFacts> campaigns() {
        return List.copyOf(campaigns.values());
    }

    /** The names of every attribute some recorded journey step carries, sorted. */
    Set<String> attributes() {
        return new TreeSet<>(attributes);
    }

    /** Whether some recorded journey step carries the attribute. */
    boolean carries(String attribute) {
        return attributes.contains(attribute);
    }

    /** Every journey's timeline under {@code map}, computed once per journey and map version and then reused. */
    List<JourneyTimeline> timelines(FlowMap map) {
        List<JourneyTimeline> result = new ArrayList<>(journeys.size());
        for (Entry entry : journeys.values()) {
            result.add(entry.timeline(map, journeys));
        }
        return result;
    }

    /** Every journey's facts, for a map no timeline is cached for (a draft): leaves the cached timelines alone. */
    List<JourneyFacts> facts() {
        List<JourneyFacts> result = new ArrayList<>(journeys.size());
        for (Entry entry : journeys.values()) {
            result.add(entry.facts());
        }
        return result;
    }

    /** One journey's timeline under {@code map}; empty for a journey with no recorded step. */
    Optional<JourneyTimeline> timeline(String journeyId, FlowMap map) {
        Entry entry = journeys.get(journeyId);
        return entry == null ? Optional.empty() : Optional.of(entry.timeline(map, journeys));
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
        return journeys.size();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

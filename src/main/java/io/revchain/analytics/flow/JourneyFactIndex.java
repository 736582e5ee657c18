package io.revchain.analytics.flow;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.StepFact;
import io.revchain.campaign.CampaignEvent;
import io.revchain.journey.JourneyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every journey's step facts, in memory on each node, so that a window, asOf or knownAt query over any past quarter
 * is answered without touching the store. Each node follows the whole event stream itself (not a shared processor
 * segment), so every node sees every journey. At start it reads the stream from the beginning and logs progress.
 * Campaign steps (budgets, the campaign's segment, published assets) are kept beside them for the money figures, and
 * the names of every attribute a journey step carries, so that a read can refuse a dimension nothing carries.
 */
@Component
class JourneyFactIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyFactIndex.class);

    private final EventStore eventStore;
    private final ConcurrentHashMap<String, Entry> journeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CampaignFacts> campaigns = new ConcurrentHashMap<>();
    private final Set<String> attributes = ConcurrentHashMap.newKeySet();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private Thread follower;

    JourneyFactIndex(EventStore eventStore) {
        this.eventStore = eventStore;
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
        long lastReport = started;
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
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
                    message.trackingToken().position().ifPresent(position::set);
                    events.incrementAndGet();
                    if (message.getPayload() instanceof JourneyEvent event) {
                        StepFact fact = StepFacts.of(event, message.getTimestamp(), position.get());
                        attributes.addAll(fact.attributes().keySet());
                        add(fact, event.journeyId());
                    } else if (message.getPayload() instanceof CampaignEvent event) {
                        addCampaign(StepFacts.of(event, message.getTimestamp(), position.get()), event.campaignId());
                    }
                    if (!caughtUp && System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        log.info("Loading journey facts: {} events read, {} journeys so far", events.get(),
                                 journeys.size());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Start over: facts are deduplicated by step, so reading the stream again is harmless.
                log.error("Following the event stream failed; reading it again from the start in 1 s", e);
                journeys.clear();
                campaigns.clear();
                caughtUp = false;
                sleepQuietly();
            }
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

    /** The global sequence number of the last event read. */
    long position() {
        return position.get();
    }

    int journeyCount() {
        return journeys.size();
    }

    private static void sleepQuietly() {
        sleepQuietly(1_000);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.revchain.analytics.visits;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.revchain.analytics.visits.ReadModelWriter.Recorded;
import io.revchain.analytics.visits.RebuildStatusView.State;
import io.revchain.system.ParkedEvents;
import io.revchain.system.ParkedEvents.EventRef;
import io.revchain.system.StoreDurability;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rebuilds the read models from the event store into a new generation while the active one keeps answering, then
 * switches: the live projection pauses, the rebuild copies what was recorded since its last read, and the pointer
 * moves in one write. Readers therefore see either the complete old generation or the complete new one.
 * <p>
 * One rebuild at a time across all nodes: the claim is the {@value #STATUS_ID} document in
 * {@value Generations#COLLECTION}, refreshed while running, so a rebuild whose node died can be started again after
 * {@link #STALE_AFTER}. Progress is kept there as well, so any node answers GET.
 */
@Component
class ReadModelRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    static final String STATUS_ID = "rebuild";
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);
    private static final int SWITCH_ATTEMPTS = 3;
    /** Switch once the store is at most this many events ahead: the live projection waits while they are copied. */
    private static final long SWITCH_LAG = 1_000;
    /**
     * Events folded in memory before they are written: a journey with several steps in a window is written once.
     * About 50 MB of step facts.
     */
    static final int WINDOW = 100_000;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;

    /** Points where tests slow a rebuild down or act during it. */
    interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void afterBatch(long position) throws Exception {
        }

        default void beforeSwitch() throws Exception {
        }

        default void whileSwitching() throws Exception {
        }
    }

    private final MongoEventStorageEngine engine;
    private final ReadModelWriter writer;
    private final Generations generations;
    private final MongoCollection<Document> statusDocuments;
    private final StoreDurability durability;
    private final ParkedEvents parked;
    private final Clock clock = Clock.systemUTC();
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    private volatile Hooks hooks = Hooks.NONE;
    private volatile int windowSize = WINDOW;
    private volatile Progress current;
    private volatile boolean running;
    private Thread worker;

    ReadModelRebuild(MongoEventStorageEngine engine, ReadModelWriter writer, Generations generations,
                     MongoDatabase database, StoreDurability durability, ParkedEvents parked) {
        this.parked = parked;
        this.engine = engine;
        this.writer = writer;
        this.generations = generations;
        this.statusDocuments = database.getCollection(Generations.COLLECTION);
        this.durability = durability;
    }

    void hooks(Hooks hooks) {
        this.hooks = hooks == null ? Hooks.NONE : hooks;
    }

    void windowSize(int windowSize) {
        this.windowSize = windowSize;
    }

    /** Mutable progress of the rebuild running on this node. */
    private final class Progress {
        final Generation from;
        final Generation target;
        final Instant startedAt = clock.instant();
        final long startedNanos = System.nanoTime();
        volatile State state = State.RUNNING;
        volatile long processed;
        volatile long total;
        volatile long position;
        volatile Instant finishedAt;
        volatile String error;
        volatile String warning;
        /** Positions of the events parked because they cannot be written; the reader and the writer add. */
        final Set<Long> parked = ConcurrentHashMap.newKeySet();

        Progress(Generation from, Generation target) {
            this.from = from;
            this.target = target;
        }

        double rate() {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : processed / seconds;
        }

        Long secondsLeft() {
            double rate = rate();
            if (!state.inProgress() || rate <= 0) {
                return state.inProgress() ? null : 0L;
            }
            return (long) Math.ceil(Math.max(0, total - position) / rate);
        }

        Document document() {
            return new Document("_id", STATUS_ID)
                    .append("state", state.name())
                    .append("generation", target.number())
                    .append("from", from.number())
                    .append("eventsProcessed", processed)
                    .append("totalEvents", total)
                    .append("position", position)
                    .append("eventsPerSecond", rate())
                    .append("estimatedSecondsLeft", secondsLeft())
                    .append("startedAt", Date.from(startedAt))
                    .append("finishedAt", finishedAt == null ? null : Date.from(finishedAt))
                    .append("error", error)
                    .append("warning", warning)
                    .append("parkedEvents", (long) parked.size())
                    .append("node", node)
                    .append("heartbeatAt", Date.from(clock.instant()));
        }
    }

    /** Starts a rebuild in the background; 409 while one runs here or on another node. */
    synchronized RebuildStatusView begin() {
        Progress local = current;
        if (local != null && local.state.inProgress()) {
            throw alreadyRunning(view(local.document()));
        }
        Generation from = generations.active();
        Progress progress = new Progress(from, from.next());
        claim(progress);
        current = progress;
        worker = new Thread(() -> run(progress), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return view(progress.document());
    }

    RebuildStatusView status() {
        Progress local = current;
        if (local != null && local.state.inProgress()) {
            return view(local.document());
        }
        Document stored = statusDocuments.find(Filters.eq("_id", STATUS_ID)).first();
        if (local != null && (stored == null || !stored.getDate("startedAt").toInstant().isAfter(local.startedAt))) {
            // This node ran the latest rebuild: its own record is the freshest, even before the outcome is saved.
            return view(local.document());
        }
        if (stored == null) {
            Generation active = generations.active();
            return new RebuildStatusView(State.IDLE, null, active.number(), active.collections(), 0, 0, 0, null,
                                         null, null, null, 0, null, null);
        }
        if (State.valueOf(stored.getString("state")).inProgress() && stale(stored)) {
            stored.put("state", State.FAILED.name());
            stored.put("error", "The node running this rebuild (" + stored.getString("node") + ") stopped "
                    + "reporting at " + stored.getDate("heartbeatAt").toInstant() + "; generation "
                    + stored.get("from") + " stayed active. Start the rebuild again.");
        }
        return view(stored);
    }

    private void claim(Progress progress) {
        Document existing = statusDocuments.find(Filters.eq("_id", STATUS_ID)).first();
        if (existing == null) {
            try {
                statusDocuments.insertOne(progress.document());
                durability.commit();
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing = statusDocuments.find(Filters.eq("_id", STATUS_ID)).first();
            }
        }
        if (existing != null && State.valueOf(existing.getString("state")).inProgress() && !stale(existing)) {
            throw alreadyRunning(view(existing));
        }
        // Replace exactly the document read: a node claiming at the same moment makes this match nothing.
        long replaced = statusDocuments.replaceOne(
                Filters.and(Filters.eq("_id", STATUS_ID), Filters.eq("heartbeatAt", existing.getDate("heartbeatAt"))),
                progress.document()).getModifiedCount();
        durability.commit();
        if (replaced != 1) {
            throw alreadyRunning(status());
        }
    }

    private boolean stale(Document status) {
        Date heartbeat = status.getDate("heartbeatAt");
        return heartbeat == null || heartbeat.toInstant().isBefore(clock.instant().minus(STALE_AFTER));
    }

    private static ResponseStatusException alreadyRunning(RebuildStatusView status) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "A rebuild into generation " + status.generation()
                + " is already " + status.state().name().toLowerCase() + " (" + status.eventsProcessed() + " of "
                + status.totalEvents() + " events); follow it with GET /api/admin/rebuild");
    }

    private RebuildStatusView view(Document status) {
        Generation active = generations.active();
        Number generation = status.get("generation", Number.class);
        Number rate = status.get("eventsPerSecond", Number.class);
        Number left = status.get("estimatedSecondsLeft", Number.class);
        Date started = status.getDate("startedAt");
        Date finished = status.getDate("finishedAt");
        Number parkedCount = status.get("parkedEvents", Number.class);
        return new RebuildStatusView(State.valueOf(status.getString("state")),
                                     generation == null ? null : generation.longValue(),
                                     active.number(), active.collections(),
                                     status.get("eventsProcessed", Number.class).longValue(),
                                     status.get("totalEvents", Number.class).longValue(),
                                     status.get("position", Number.class).longValue(),
                                     rate == null ? null : Math.round(rate.doubleValue() * 10) / 10.0,
                                     left == null ? null : left.longValue(),
                                     started == null ? null : started.toInstant(),
                                     finished == null ? null : finished.toInstant(),
                                     parkedCount == null ? 0 : parkedCount.longValue(),
                                     status.getString("warning"),
                                     status.getString("error"));
    }

    private void run(Progress progress) {
        Generation from = progress.from;
        Generation target = progress.target;
        long[] lastLog = {System.nanoTime()};
        long[] lastSave = {System.nanoTime()};
        try {
            List<String> dropped = generations.dropAllBut(from);
            int indexes = generations.copyIndexes(from, target);
            log.info("Rebuilding the read models into {} from the event store ({} events); {} stays active{}{}",
                     target, engine.headSequence(), from, dropped.isEmpty() ? "" : "; dropped " + dropped,
                     indexes == 0 ? "" : "; " + indexes + " secondary indexes copied");
            TrackingToken token = null;
            long head;
            do {
                head = engine.headSequence();
                progress.total = head;
                token = copy(progress, token, head, lastLog, lastSave);
            } while (engine.headSequence() - head > SWITCH_LAG);
            for (int attempt = 1; ; attempt++) {
                hooks.beforeSwitch();
                progress.state = State.SWITCHING;
                save(progress);
                if (!generations.beginSwitch(from, target, SWITCH_TIMEOUT)) {
                    throw new IllegalStateException(from + " is no longer the active generation, or another switch "
                                                            + "is in progress");
                }
                hooks.whileSwitching();
                head = engine.headSequence();
                progress.total = head;
                token = copy(progress, token, head, lastLog, lastSave);
                if (generations.completeSwitch(from, target)) {
                    break;
                }
                if (attempt == SWITCH_ATTEMPTS) {
                    throw new IllegalStateException("the switch was abandoned " + attempt + " times because copying "
                            + "the last events took longer than " + SWITCH_TIMEOUT);
                }
                log.warn("Read models: the switch to {} took longer than {} and was abandoned; trying again",
                         target, SWITCH_TIMEOUT);
                progress.state = State.RUNNING;
            }
            int resolved = parked.resolveUpTo(ReadModelWriter.PROCESSOR, progress.position, progress.parked,
                                              "handled by the rebuild into " + target);
            if (!progress.parked.isEmpty()) {
                progress.warning = progress.parked.size() + " events could not be handled and were parked (events "
                        + abbreviate(progress.parked) + "); " + target + " is active without them. Fix the cause, "
                        + "then retry them: GET /api/admin/parked-events lists them, POST "
                        + "/api/admin/parked-events/{id}/retry writes one (docs/operations.md, Parked events).";
            }
            progress.state = State.COMPLETED;
            progress.finishedAt = clock.instant();
            log.info("Read models rebuilt: {} is active ({} events in {} s, {} events/s); {} is kept until the next "
                             + "rebuild{}{}", target, progress.processed,
                     Duration.between(progress.startedAt, progress.finishedAt).toSeconds(),
                     Math.round(progress.rate()), from,
                     resolved == 0 ? "" : "; " + resolved + " events parked before are in it now and resolved",
                     progress.warning == null ? "" : ". " + progress.warning);
        } catch (Throwable e) {
            abandonSwitch(target);
            progress.error = "Rebuilding " + target + " failed at event " + progress.position + ": " + e
                    + ". " + from + " stays active; the live projection goes on writing to it (whether it keeps up, "
                    + "and any events it parked: /actuator/health)."
                    + (progress.parked.isEmpty() ? "" : " Before the failure " + progress.parked.size()
                            + " events could not be handled and were parked (events " + abbreviate(progress.parked)
                            + ", GET /api/admin/parked-events).")
                    + " Fix the cause (see the service log) and start the rebuild again with POST "
                    + "/api/admin/rebuild; the partial " + target + " is dropped when it starts.";
            progress.state = State.FAILED;
            progress.finishedAt = clock.instant();
            log.error("Read models: {}", progress.error, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            try {
                save(progress);
            } catch (RuntimeException e) {
                log.warn("Read models: could not record the rebuild's outcome ({}); GET on other nodes may show it "
                                 + "as running until {} passed", e.toString(), STALE_AFTER);
            }
        }
    }

    private void abandonSwitch(Generation target) {
        try {
            generations.abortSwitch(target);
        } catch (RuntimeException e) {
            log.warn("Read models: could not abandon the switch to {} ({}); the live projection abandons it itself "
                             + "after {}", target, e.toString(), SWITCH_TIMEOUT);
        }
    }

    private static String abbreviate(Set<Long> positions) {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(positions));
        String shown = sorted.subList(0, Math.min(10, sorted.size())).toString();
        return sorted.size() > 10 ? shown.substring(0, shown.length() - 1) + ", ...]" : shown;
    }

    /** A window of events read, handed from the reading thread to the writing one. */
    private record Window(List<Recorded> events, TrackingToken last) {
        static final Window END = new Window(List.of(), null);
    }

    /**
     * Copies from {@code token} into the target until the position reaches {@code until} or the store's end. One
     * thread reads the next window while this one writes the current, so reading costs no extra time.
     */
    private TrackingToken copy(Progress progress, TrackingToken token, long until, long[] lastLog, long[] lastSave)
            throws Exception {
        SynchronousQueue<Window> handoff = new SynchronousQueue<>();
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        Future<?> reading = reader.submit(() -> {
            read(progress, token, until, handoff, lastLog, lastSave);
            return null;
        });
        TrackingToken last = token;
        try {
            while (true) {
                Window window = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (window == null) {
                    if (reading.isDone()) {
                        reading.get();
                        throw new IllegalStateException("reading the event store stopped before its end");
                    }
                    continue;
                }
                if (window == Window.END) {
                    return last;
                }
                write(progress, window.events(), lastLog, lastSave);
                last = window.last();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            reader.shutdownNow();
        }
    }

    private void read(Progress progress, TrackingToken token, long until, SynchronousQueue<Window> handoff,
                      long[] lastLog, long[] lastSave) throws Exception {
        int size = windowSize;
        List<Recorded> events = new ArrayList<>(Math.min(size, 10_000));
        int read = 0;
        TrackingToken last = token;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                last = event.trackingToken();
                long position = last.position().orElse(progress.position);
                if (ReadModelWriter.relevant(event.getPayloadType())) {
                    Recorded recorded = recorded(progress, event, position);
                    if (recorded != null) {
                        events.add(recorded);
                    }
                }
                progress.processed++;
                progress.position = position;
                progress.total = Math.max(progress.total, position);
                if (++read % 1_000 == 0) {
                    report(progress, lastLog, lastSave);
                }
                if (read == size) {
                    handoff.put(new Window(events, last));
                    events = new ArrayList<>(Math.min(size, 10_000));
                    read = 0;
                    if (position >= until) {
                        break;
                    }
                }
            }
            if (read > 0) {
                handoff.put(new Window(events, last));
            }
        }
        handoff.put(Window.END);
    }

    /** The event for the writer; null when its payload cannot be read, which parks it (see ParkedEvents). */
    private Recorded recorded(Progress progress, TrackedEventMessage<?> event, long position) throws Exception {
        EventRef ref = EventRef.of(event);
        Object[] payload = new Object[1];
        if (parked.handleOrPark(ReadModelWriter.PROCESSOR, ref, null, () -> payload[0] = event.getPayload())) {
            return new Recorded(position, event.getTimestamp(), payload[0], ref);
        }
        progress.parked.add(position);
        return null;
    }

    private void write(Progress progress, List<Recorded> window, long[] lastLog, long[] lastSave) throws Exception {
        if (Thread.interrupted()) {
            throw new InterruptedException("the service is stopping");
        }
        progress.parked.addAll(writer.applyOrPark(progress.target, window,
                                                  journeys -> report(progress, lastLog, lastSave)));
        hooks.afterBatch(progress.position);
        report(progress, lastLog, lastSave);
    }

    private synchronized void report(Progress progress, long[] lastLog, long[] lastSave) {
        long now = System.nanoTime();
        if (now - lastSave[0] > SAVE_EVERY_NANOS) {
            lastSave[0] = now;
            save(progress);
        }
        if (now - lastLog[0] > LOG_EVERY_NANOS) {
            lastLog[0] = now;
            Long left = progress.secondsLeft();
            log.info("Rebuilding {}: {} of {} events read ({}%), {} events/s, about {} s left", progress.target,
                     progress.position, progress.total, progress.total == 0 ? 100 : 100 * progress.position
                             / progress.total, Math.round(progress.rate()), left == null ? "?" : left);
        }
    }

    private void save(Progress progress) {
        statusDocuments.replaceOne(Filters.eq("_id", STATUS_ID), progress.document(),
                                   new ReplaceOptions().upsert(true));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}

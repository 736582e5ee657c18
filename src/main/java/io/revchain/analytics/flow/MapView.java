package io.revchain.analytics.flow;

import io.revchain.analytics.Cut;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyDimensions;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.StageEntry;
import io.revchain.analytics.StageTransition;
import io.revchain.analytics.StageVisit;
import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * What one map version knows about every journey: whether its complete flow through the map is still open, and
 * since when (so that a window finds the journeys still waiting in a stage without reading every journey), kept up
 * to date from the store's change ring; and a bounded cache of complete flows, reused while the journey is unchanged.
 */
final class MapView {

    private static final long NOT_OPEN = Long.MAX_VALUE;

    final FlowMap map;
    private final Function<JourneyFacts, JourneyTimeline> timelines;
    private final Map<String, Integer> stageByType = new HashMap<>();
    private final Budget budget;
    private final boolean caching;

    // Maintained under the store's read lock and this view's monitor.
    private int[] stageOfType = new int[0];
    private long[] openSince = new long[0];
    private final BitSet open = new BitSet();
    private long applied = -1;

    // The cache: read without a lock, changed under this view's monitor.
    private volatile CachedFlow[] flows = new CachedFlow[0];
    private volatile byte[] referenced = new byte[0];
    private int hand;
    private long cachedBytes;
    private int cachedFlows;

    MapView(FlowMap map, Budget budget) {
        this(map, budget, true);
    }

    private MapView(FlowMap map, Budget budget, boolean caching) {
        this.map = map;
        this.budget = budget;
        this.caching = caching;
        this.timelines = JourneyTimeline.forMap(map);
        List<FlowStage> stages = map.stages();
        for (int i = 0; i < stages.size(); i++) {
            for (String type : stages.get(i).enteredOn()) {
                stageByType.putIfAbsent(type, i);
            }
        }
    }

    /** A view for one read of a map no one else reads (a draft's preview): it caches no flow. */
    static MapView uncached(FlowMap map) {
        return new MapView(map, new Budget(0), false);
    }

    /** The memory all views' cached flows may take together. */
    static final class Budget {
        private final long max;
        private final AtomicLong used = new AtomicLong();

        Budget(long maxBytes) {
            this.max = maxBytes;
        }

        boolean reserve(long bytes) {
            while (true) {
                long now = used.get();
                if (now + bytes > max) {
                    return false;
                }
                if (used.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            used.addAndGet(-bytes);
        }

        long used() {
            return used.get();
        }

        long max() {
            return max;
        }
    }

    // ---- where journeys end (under the store's read lock) -------------------------------------------------------

    /** Brings the open flows up to the store's changes; the first call reads every journey once. */
    synchronized void catchUp(FactStore store) {
        extendTypes(store.dictionary());
        int n = store.count();
        if (openSince.length < n) {
            int grown = Math.max(n, openSince.length + (openSince.length >> 1));
            openSince = Arrays.copyOf(openSince, grown);
        }
        long changes = store.changes();
        if (applied < 0 || changes - applied > store.changeRingSize()) {
            open.clear();
            for (int j = 0; j < n; j++) {
                recompute(store, j);
            }
        } else {
            for (long c = applied; c < changes; c++) {
                recompute(store, store.changed(c));
            }
        }
        applied = changes;
    }

    /** Journeys whose complete flow is open and began before {@code to} (epoch nanoseconds, exclusive). */
    synchronized void forEachOpenBefore(long to, IntConsumer journeys) {
        for (int j = open.nextSetBit(0); j >= 0; j = open.nextSetBit(j + 1)) {
            if (openSince[j] < to) {
                journeys.accept(j);
            }
        }
    }

    private void extendTypes(Dictionary dictionary) {
        int size = dictionary.size();
        if (stageOfType.length >= size) {
            return;
        }
        int from = stageOfType.length;
        stageOfType = Arrays.copyOf(stageOfType, size);
        for (int code = from; code < size; code++) {
            stageOfType[code] = stageByType.getOrDefault(dictionary.string(code), -1);
        }
    }

    /** As {@link JourneyTimeline} derives it: a new entry whenever a step enters a stage other than the current. */
    private void recompute(FactStore store, int j) {
        if (store.irregular(j)) {
            open.clear(j);
            openSince[j] = NOT_OPEN;
            return;
        }
        int[] types = stageOfType;
        long[] last = {-1, 0};
        FactCodec.walk(store.blob(j), (type, second, nano) -> {
            int stage = type < types.length ? types[type] : -1;
            if (stage >= 0 && stage != last[0]) {
                last[0] = stage;
                last[1] = FactStore.nanosOrIrregular(second, nano);
            }
        });
        boolean isOpen = last[0] >= 0 && !map.stages().get((int) last[0]).terminal();
        open.set(j, isOpen);
        openSince[j] = isOpen ? last[1] : NOT_OPEN;
    }

    // ---- flows --------------------------------------------------------------------------------------------------

    /** A timeline of the journey against this map (for a journey the read's cut shows only in part). */
    JourneyTimeline timeline(JourneyFacts facts) {
        return timelines.apply(facts);
    }

    /**
     * The complete flow of a journey the cut shows entirely: cached while the journey is unchanged. A read of one
     * window may make room by evicting others; a read of all history only fills free room.
     */
    JourneyFlow complete(int j, byte[] blob, String[] strings, Cut cut, boolean mayEvict) {
        CachedFlow[] cache = flows;
        if (j < cache.length) {
            CachedFlow cached = cache[j];
            if (cached != null && cached.basis == blob) {
                byte[] marks = referenced;
                if (j < marks.length) {
                    marks[j] = 1;
                }
                return cached.flow(blob, strings);
            }
        }
        JourneyFlow flow = timelines.apply(FactStore.facts(blob, strings)).under(cut);
        if (caching) {
            admit(j, new CachedFlow(blob, flow));
        }
        return flow;
    }

    private synchronized void admit(int j, CachedFlow entry) {
        if (flows.length <= j) {
            int grown = Math.max(j + 1, flows.length + (flows.length >> 1) + 16);
            referenced = Arrays.copyOf(referenced, grown);
            flows = Arrays.copyOf(flows, grown);
        }
        CachedFlow old = flows[j];
        if (old != null) {
            flows[j] = null;
            release(old);
        }
        if (!budget.reserve(entry.bytes)) {
            evict(entry.bytes);
            if (!budget.reserve(entry.bytes)) {
                return;
            }
        }
        flows[j] = entry;
        cachedBytes += entry.bytes;
        cachedFlows++;
    }

    /** Clock with a second chance: flows read since the hand last passed stay one more round. */
    private void evict(long wanted) {
        CachedFlow[] cache = flows;
        byte[] marks = referenced;
        long freed = 0;
        for (int step = 0; step < 2 * cache.length && freed < wanted && cachedFlows > 0; step++) {
            hand = hand + 1 >= cache.length ? 0 : hand + 1;
            if (cache[hand] == null) {
                continue;
            }
            if (marks[hand] != 0) {
                marks[hand] = 0;
                continue;
            }
            freed += cache[hand].bytes;
            release(cache[hand]);
            cache[hand] = null;
        }
    }

    private void release(CachedFlow entry) {
        budget.release(entry.bytes);
        cachedBytes -= entry.bytes;
        cachedFlows--;
    }

    /** Drops every cached flow (when the view itself is dropped). */
    synchronized void clear() {
        for (CachedFlow entry : flows) {
            if (entry != null) {
                budget.release(entry.bytes);
            }
        }
        flows = new CachedFlow[0];
        referenced = new byte[0];
        cachedBytes = 0;
        cachedFlows = 0;
    }

    synchronized long cachedBytes() {
        return cachedBytes;
    }

    synchronized int cachedFlows() {
        return cachedFlows;
    }

    /**
     * A complete flow without its steps, which are decoded again from the journey's bytes when a read asks for them
     * (money figures, attribute dimensions): the steps are most of a journey's memory.
     */
    static final class CachedFlow {
        final byte[] basis;
        final String journeyId;
        final JourneyDimensions dimensions;
        final List<StageEntry> entries;
        final List<StageVisit> visits;
        final List<StageTransition> transitions;
        final List<StepFact> loopSteps;
        final Instant lastStageStepAt;
        /** Kept so that a read does not touch the journey's bytes to size its lazy steps: a cache miss each. */
        final int stepCount;
        final long bytes;

        CachedFlow(byte[] basis, JourneyFlow flow) {
            this.basis = basis;
            this.journeyId = flow.journeyId();
            this.dimensions = flow.dimensions();
            this.entries = flow.entries();
            this.visits = flow.visits();
            this.transitions = flow.transitions();
            this.loopSteps = flow.loopSteps();
            this.lastStageStepAt = flow.lastStageStepAt();
            this.stepCount = flow.steps().size();
            long ids = 0;
            for (StageEntry entry : entries) {
                ids += entry.stepId() == null ? 0 : entry.stepId().length();
            }
            // Object headers and fields as a 64-bit JVM with compressed pointers lays them out, roughly.
            this.bytes = 176 + 2L * journeyId.length() + ids + 112L * entries.size() + 48L * visits.size()
                    + 40L * transitions.size() + 400L * loopSteps.size();
        }

        JourneyFlow flow(byte[] blob, String[] strings) {
            return new JourneyFlow(journeyId, dimensions, entries, visits, transitions, loopSteps,
                                   new LazySteps(blob, strings, stepCount), lastStageStepAt);
        }
    }

    /** A journey's steps in timeline order, decoded from its bytes on first use, for one read. */
    static final class LazySteps extends AbstractList<StepFact> implements RandomAccess {
        private final byte[] blob;
        private final String[] strings;
        private final int size;
        private StepFact[] facts;

        LazySteps(byte[] blob, String[] strings, int size) {
            this.blob = blob;
            this.strings = strings;
            this.size = size;
        }

        @Override
        public StepFact get(int index) {
            StepFact[] decoded = facts;
            if (decoded == null) {
                decoded = FactCodec.facts(blob, strings);
                facts = decoded;
            }
            return decoded[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}

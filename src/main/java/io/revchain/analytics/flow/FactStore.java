package io.revchain.analytics.flow;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.Cut;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.SegmentFacts;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every journey's and campaign's step facts, compact: each journey's steps in one byte array ({@link FactCodec}),
 * strings as dictionary codes, and per journey the span of its business times and of its record times as longs.
 * An index from time to journeys (cells by the month of a journey's first and last step) lets a read find the
 * journeys active in its window without looking at the others.
 * <p>
 * One writer (the follower of the event stream) adds facts; readers take what they need under a read lock and decode
 * it after, from byte arrays that are never changed once published (a changed journey gets a new array).
 */
final class FactStore {

    /** Business and record times are held as nanoseconds since the epoch: every time the chain accepts fits. */
    private static final long MIN_SECOND = -9_223_372_035L;
    private static final long MAX_SECOND = 9_223_372_035L;
    private static final long BUCKET_SECONDS = 30L * 86_400;
    /** How many changed journeys map views can catch up with; further behind, a view reads every journey again. */
    static final int CHANGE_RING = 1 << 20;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Dictionary dictionary;
    private final FactCodec codec;

    private byte[][] blobs = new byte[1024][];
    private int[] hashes = new int[1024];
    private long[] minOccurred = new long[1024];
    private long[] maxOccurred = new long[1024];
    private long[] minRecorded = new long[1024];
    private long[] maxRecorded = new long[1024];
    private Cell[] cellOf = new Cell[1024];
    private int count;
    private long steps;
    /** Open addressing: journey index + 1 by the id's hash, 0 when free. */
    private int[] table = new int[2048];

    private final List<Cell> cells = new ArrayList<>();
    private final Map<Long, Cell> cellByKey = new HashMap<>();
    /** Journeys with a time outside the nanosecond range (only from before the chain checked times). */
    private final Cell irregular = new Cell(Integer.MIN_VALUE, Integer.MIN_VALUE);

    private long changes;
    private final int[] changeRing;

    private final Map<String, CampaignFacts> campaigns = new ConcurrentHashMap<>();
    private final Map<String, SegmentFacts> segments = new ConcurrentHashMap<>();
    private final Set<String> attributes = ConcurrentHashMap.newKeySet();

    FactStore() {
        this(new Dictionary(), CHANGE_RING);
    }

    FactStore(int changeRing) {
        this(new Dictionary(), changeRing);
    }

    private FactStore(Dictionary dictionary, int changeRing) {
        if (Integer.bitCount(changeRing) != 1) {
            throw new IllegalArgumentException("the change ring's size must be a power of two");
        }
        this.dictionary = dictionary;
        this.codec = new FactCodec(dictionary);
        this.changeRing = new int[changeRing];
    }

    /** Journeys whose first and last steps fall in the same pair of 30-day buckets. */
    static final class Cell {
        final int minBucket;
        final int maxBucket;
        int[] members = new int[8];
        int size;
        int live;

        Cell(int minBucket, int maxBucket) {
            this.minBucket = minBucket;
            this.maxBucket = maxBucket;
        }

        void add(int journey) {
            if (size == members.length) {
                members = Arrays.copyOf(members, size * 2);
            }
            members[size++] = journey;
            live++;
        }
    }

    // ---- writing (the follower) -------------------------------------------------------------------------------

    /** Adds a journey step; false when the journey already holds a step with that id. */
    boolean addJourneyStep(StepFact fact, String journeyId) {
        lock.writeLock().lock();
        try {
            int hash = journeyId.hashCode();
            int slot = slot(journeyId, hash);
            int j = table[slot] - 1;
            byte[] stepId = codec.stepId(fact.stepId(), journeyId);
            byte[] blob;
            if (j < 0) {
                blob = FactCodec.encode(journeyId, List.of(codec.step(fact, stepId)));
                j = newJourney(hash, slot);
            } else {
                byte[] old = blobs[j];
                if (FactCodec.holds(old, stepId)) {
                    return false;
                }
                FactCodec.Step step = codec.step(fact, stepId);
                blob = FactCodec.append(old, step);
                if (blob == null) {
                    List<FactCodec.Step> all = new ArrayList<>(FactCodec.steps(old));
                    int at = 0;
                    while (at < all.size() && all.get(at).compareTimeline(step) <= 0) {
                        at++;
                    }
                    all.add(at, step);
                    blob = FactCodec.encode(journeyId, all);
                }
            }
            attributes.addAll(fact.attributes().keySet());
            widen(j, fact.occurredAt().getEpochSecond(), fact.occurredAt().getNano(),
                  fact.recordedAt().getEpochSecond(), fact.recordedAt().getNano(), blobs[j] == null);
            blobs[j] = blob;
            place(j);
            steps++;
            changeRing[(int) (changes++ & (changeRing.length - 1))] = j;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds a campaign step; false when the campaign already holds a step with that id. */
    boolean addCampaignStep(StepFact fact, String campaignId) {
        return addOnce(campaigns, campaignId, fact, CampaignFacts::steps, CampaignFacts::new);
    }

    /** Adds a segment step (a profile or its revision); false when the segment already holds a step with that id. */
    boolean addSegmentStep(StepFact fact, String segmentId) {
        return addOnce(segments, segmentId, fact, SegmentFacts::steps, SegmentFacts::new);
    }

    /** Adds the step to the owner's steps unless a step with its id is among them already. */
    private static <T> boolean addOnce(Map<String, T> owners, String ownerId, StepFact fact,
                                       Function<T, List<StepFact>> steps, BiFunction<String, List<StepFact>, T> of) {
        boolean[] added = {false};
        owners.compute(ownerId, (id, old) -> {
            if (old != null && steps.apply(old).stream().anyMatch(known -> known.stepId().equals(fact.stepId()))) {
                return old;
            }
            List<StepFact> more = old == null ? new ArrayList<>(1) : new ArrayList<>(steps.apply(old));
            more.add(fact);
            added[0] = true;
            return of.apply(id, more);
        });
        return added[0];
    }

    private int newJourney(int hash, int slot) {
        int j = count;
        if (j == blobs.length) {
            int grown = j + (j >> 1);
            blobs = Arrays.copyOf(blobs, grown);
            hashes = Arrays.copyOf(hashes, grown);
            minOccurred = Arrays.copyOf(minOccurred, grown);
            maxOccurred = Arrays.copyOf(maxOccurred, grown);
            minRecorded = Arrays.copyOf(minRecorded, grown);
            maxRecorded = Arrays.copyOf(maxRecorded, grown);
            cellOf = Arrays.copyOf(cellOf, grown);
        }
        hashes[j] = hash;
        table[slot] = j + 1;
        count = j + 1;
        if (count * 2 > table.length) {
            rehash();
        }
        return j;
    }

    private int slot(String journeyId, int hash) {
        int mask = table.length - 1;
        int i = Dictionary.mix(hash) & mask;
        while (true) {
            int j = table[i] - 1;
            if (j < 0 || (hashes[j] == hash && FactCodec.owner(blobs[j]).equals(journeyId))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void rehash() {
        int[] grown = new int[table.length * 2];
        int mask = grown.length - 1;
        for (int j = 0; j < count; j++) {
            int i = Dictionary.mix(hashes[j]) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = j + 1;
        }
        table = grown;
    }

    private void widen(int j, long occurredSecond, int occurredNano, long recordedSecond, int recordedNano,
                       boolean first) {
        long o = nanosOrIrregular(occurredSecond, occurredNano);
        long r = nanosOrIrregular(recordedSecond, recordedNano);
        if (first) {
            minOccurred[j] = o;
            maxOccurred[j] = o;
            minRecorded[j] = r;
            maxRecorded[j] = r;
            return;
        }
        minOccurred[j] = Math.min(minOccurred[j], o);
        maxOccurred[j] = Math.max(maxOccurred[j], o);
        minRecorded[j] = Math.min(minRecorded[j], r);
        maxRecorded[j] = Math.max(maxRecorded[j], r);
    }

    /** Long.MIN_VALUE marks a time outside the nanosecond range: the journey is then read as "irregular". */
    static long nanosOrIrregular(long second, int nano) {
        return second > MIN_SECOND && second < MAX_SECOND ? second * 1_000_000_000L + nano : Long.MIN_VALUE;
    }

    private boolean isIrregular(int j) {
        return minOccurred[j] == Long.MIN_VALUE || minRecorded[j] == Long.MIN_VALUE;
    }

    /** Files the journey under the cell of its first and last step (or as irregular), leaving its old entry stale. */
    private void place(int j) {
        Cell target;
        if (isIrregular(j)) {
            target = irregular;
        } else {
            int min = bucket(minOccurred[j]);
            int max = bucket(maxOccurred[j]);
            long key = (long) min << 32 | (max & 0xFFFFFFFFL);
            target = cellByKey.get(key);
            if (target == null) {
                target = new Cell(min, max);
                cellByKey.put(key, target);
                cells.add(target);
            }
        }
        Cell old = cellOf[j];
        if (old == target) {
            return;
        }
        if (old != null) {
            old.live--;
            if (old.size > 2 * old.live + 16) {
                compact(old);
            }
        }
        cellOf[j] = target;
        target.add(j);
    }

    private void compact(Cell cell) {
        int kept = 0;
        for (int i = 0; i < cell.size; i++) {
            int j = cell.members[i];
            if (cellOf[j] == cell) {
                cell.members[kept++] = j;
            }
        }
        cell.size = kept;
        cell.live = kept;
        cell.members = Arrays.copyOf(cell.members, Math.max(8, kept));
    }

    private static int bucket(long nanos) {
        return (int) Math.floorDiv(Math.floorDiv(nanos, 1_000_000_000L), BUCKET_SECONDS);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** What a read takes under the lock: journeys by index, their bytes as they were, and the strings by code. */
    record Taken(int[] full, byte[][] fullBlobs, int[] partial, byte[][] partialBlobs, String[] strings) {

        int size() {
            return full.length + partial.length;
        }
    }

    /**
     * The journeys a read of {@code windows} under {@code cut} must see for the map of {@code view}: those fully
     * visible under the cut whose steps span into the window, or whose flow through the map is still open and began
     * before the window's end; and every journey the cut shows only in part, whatever the window (its flow under the
     * cut decides). A journey that is neither contributes nothing to any flow figure of the window
     * (docs/metrics.md, section 3). Null windows take every visible journey.
     */
    Taken take(List<Window> windows, Cut cut, MapView view) {
        lock.readLock().lock();
        try {
            Picker picker = new Picker(cut);
            if (windows == null) {
                for (int j = 0; j < count; j++) {
                    picker.consider(j);
                }
                return picker.taken();
            }
            if (view != null) {
                view.catchUp(this);
            }
            for (Window window : windows) {
                long from = window.from() == null ? Long.MIN_VALUE : saturated(window.from());
                long to = window.to() == null ? Long.MAX_VALUE : saturated(window.to());
                int fromBucket = window.from() == null ? Integer.MIN_VALUE : bucket(from);
                int toBucket = window.to() == null ? Integer.MAX_VALUE : bucket(to);
                for (Cell cell : cells) {
                    if (cell.minBucket > toBucket || cell.maxBucket < fromBucket) {
                        continue;
                    }
                    for (int i = 0; i < cell.size; i++) {
                        int j = cell.members[i];
                        if (cellOf[j] == cell && minOccurred[j] < to && maxOccurred[j] >= from) {
                            picker.consider(j);
                        }
                    }
                }
                if (view != null) {
                    view.forEachOpenBefore(to, picker::consider);
                }
            }
            picker.addPartial();
            return picker.taken();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sorts journeys into fully visible, partly visible (their flow under the cut is computed) and invisible. */
    private final class Picker {
        private final long asOf;
        private final long knownAt;
        private final boolean anyTime;
        private final byte[] seen = new byte[count];
        private int[] full = new int[64];
        private int fullSize;
        private int[] partial = new int[16];
        private int partialSize;

        Picker(Cut cut) {
            asOf = saturated(cut.asOf());
            knownAt = cut.knownAt() == null ? Long.MAX_VALUE : saturated(cut.knownAt());
            anyTime = cut.knownAt() == null;
        }

        void consider(int j) {
            if (seen[j] != 0) {
                return;
            }
            seen[j] = 1;
            if (isIrregular(j)) {
                addPartial(j);
            } else if (minOccurred[j] > asOf || (!anyTime && minRecorded[j] > knownAt)) {
                return;
            } else if (maxOccurred[j] <= asOf && (anyTime || maxRecorded[j] <= knownAt)) {
                if (fullSize == full.length) {
                    full = Arrays.copyOf(full, fullSize * 2);
                }
                full[fullSize++] = j;
            } else {
                addPartial(j);
            }
        }

        private void addPartial(int j) {
            if (partialSize == partial.length) {
                partial = Arrays.copyOf(partial, partialSize * 2);
            }
            partial[partialSize++] = j;
        }

        /** Journeys the cut shows in part: begun by asOf but with later steps, or recorded across knownAt. */
        void addPartial() {
            int asOfBucket = bucket(asOf);
            for (Cell cell : cells) {
                if (cell.minBucket > asOfBucket || cell.maxBucket < asOfBucket) {
                    continue;
                }
                for (int i = 0; i < cell.size; i++) {
                    int j = cell.members[i];
                    if (cellOf[j] == cell && maxOccurred[j] > asOf) {
                        consider(j);
                    }
                }
            }
            if (!anyTime) {
                // Record times have no index: knownAt reads are rare, and a scan of two longs per journey is cheap.
                for (int j = 0; j < count; j++) {
                    if (maxRecorded[j] > knownAt && minRecorded[j] <= knownAt) {
                        consider(j);
                    }
                }
            }
            for (int i = 0; i < irregular.size; i++) {
                int j = irregular.members[i];
                if (cellOf[j] == irregular) {
                    consider(j);
                }
            }
        }

        Taken taken() {
            int[] f = Arrays.copyOf(full, fullSize);
            int[] p = Arrays.copyOf(partial, partialSize);
            byte[][] fb = new byte[fullSize][];
            for (int i = 0; i < fullSize; i++) {
                fb[i] = blobs[f[i]];
            }
            byte[][] pb = new byte[partialSize][];
            for (int i = 0; i < partialSize; i++) {
                pb[i] = blobs[p[i]];
            }
            return new Taken(f, fb, p, pb, dictionary.current());
        }
    }

    /** Nanoseconds since the epoch, saturated: exact against every regular journey's times. */
    static long saturated(Instant t) {
        long second = t.getEpochSecond();
        if (second <= MIN_SECOND) {
            return Long.MIN_VALUE;
        }
        if (second >= MAX_SECOND) {
            return Long.MAX_VALUE;
        }
        return second * 1_000_000_000L + t.getNano();
    }

    /** One journey's facts, decoded from its bytes. */
    static JourneyFacts facts(byte[] blob, String[] strings) {
        return new JourneyFacts(FactCodec.owner(blob), Arrays.asList(FactCodec.facts(blob, strings)));
    }

    // ---- what map views read under the lock ---------------------------------------------------------------------

    int count() {
        return count;
    }

    long changes() {
        return changes;
    }

    /** The journey changed by change number {@code n}, if the ring still holds it (n > changes - ring size). */
    int changed(long n) {
        return changeRing[(int) (n & (changeRing.length - 1))];
    }

    int changeRingSize() {
        return changeRing.length;
    }

    byte[] blob(int j) {
        return blobs[j];
    }

    boolean irregular(int j) {
        return isIrregular(j);
    }

    Dictionary dictionary() {
        return dictionary;
    }

    /** Runs {@code work} under the read lock. */
    <T> T read(Function<FactStore, T> work) {
        lock.readLock().lock();
        try {
            return work.apply(this);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- facts other than journeys ------------------------------------------------------------------------------

    List<CampaignFacts> campaigns() {
        return List.copyOf(campaigns.values());
    }

    List<SegmentFacts> segments() {
        return List.copyOf(segments.values());
    }

    Set<String> attributes() {
        return new TreeSet<>(attributes);
    }

    boolean carries(String attribute) {
        return attributes.contains(attribute);
    }

    int journeyCount() {
        return read(FactStore::count);
    }

    long stepCount() {
        return read(store -> store.steps);
    }

    /**
     * The heap the journey facts take (their bytes, the time index, the lookup table, the change ring and the
     * dictionary), computed from the sizes of their arrays as a 64-bit JVM with compressed pointers lays them out;
     * campaigns' and segments' steps, few against journeys' steps, counted at about 300 bytes each. The flow cache is apart.
     */
    long heapBytes() {
        return read(store -> {
            long bytes = arrayBytes(4, blobs.length) + arrayBytes(4, hashes.length) + 4 * arrayBytes(8, blobs.length)
                    + arrayBytes(4, cellOf.length) + arrayBytes(4, table.length) + arrayBytes(4, changeRing.length);
            for (int j = 0; j < count; j++) {
                bytes += arrayBytes(1, blobs[j].length);
            }
            for (Cell cell : cells) {
                bytes += 40 + arrayBytes(4, cell.members.length);
            }
            for (CampaignFacts campaign : campaigns.values()) {
                bytes += 300L * campaign.steps().size();
            }
            for (SegmentFacts segment : segments.values()) {
                bytes += 300L * segment.steps().size();
            }
            return bytes + dictionary.heapBytes();
        });
    }

    /** An array's size on the heap: a 16-byte header, then its elements, padded to 8 bytes. */
    static long arrayBytes(int elementBytes, long length) {
        return (16 + elementBytes * length + 7) & ~7L;
    }

    /** One journey's facts, decoded; null for a journey with no recorded step. */
    JourneyFacts journey(String journeyId) {
        String[] strings;
        byte[] blob;
        lock.readLock().lock();
        try {
            int j = table[slot(journeyId, journeyId.hashCode())] - 1;
            if (j < 0) {
                return null;
            }
            blob = blobs[j];
            strings = dictionary.current();
        } finally {
            lock.readLock().unlock();
        }
        return facts(blob, strings);
    }

    /** Every journey's facts, decoded after the lock is released (what the reads before the views decoded). */
    List<JourneyFacts> journeys() {
        byte[][] all;
        String[] strings;
        lock.readLock().lock();
        try {
            all = Arrays.copyOf(blobs, count);
            strings = dictionary.current();
        } finally {
            lock.readLock().unlock();
        }
        List<JourneyFacts> result = new ArrayList<>(all.length);
        for (byte[] blob : all) {
            result.add(facts(blob, strings));
        }
        return result;
    }

    /** Every journey's facts (tests, and comparing a snapshot with a full read). */
    Map<String, JourneyFacts> allJourneys() {
        return read(store -> {
            Map<String, JourneyFacts> all = new HashMap<>();
            String[] strings = dictionary.current();
            for (int j = 0; j < count; j++) {
                JourneyFacts facts = facts(blobs[j], strings);
                all.put(facts.journeyId(), facts);
            }
            return all;
        });
    }

    // ---- snapshots ----------------------------------------------------------------------------------------------

    /** The store's content at one instant, for a snapshot: consistent with the position its caller took first. */
    record Frozen(String[] strings, int prefixes, int[] keyStatistics, byte[][] journeys, long steps,
                  List<CampaignFacts> campaigns, List<SegmentFacts> segments, List<String> attributes) {
    }

    Frozen freeze() {
        lock.readLock().lock();
        try {
            return new Frozen(dictionary.strings(), codec.prefixes(), codec.keyStatistics(),
                              Arrays.copyOf(blobs, count), steps, List.copyOf(campaigns.values()),
                              List.copyOf(segments.values()), List.copyOf(attributes));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A store holding exactly what a frozen one held. */
    static FactStore restore(Frozen frozen) {
        FactStore store = new FactStore(Dictionary.of(frozen.strings()), CHANGE_RING);
        store.codec.restore(frozen.prefixes(), frozen.keyStatistics());
        for (byte[] blob : frozen.journeys()) {
            String journeyId = FactCodec.owner(blob);
            int hash = journeyId.hashCode();
            int slot = store.slot(journeyId, hash);
            if (store.table[slot] != 0) {
                throw new IllegalArgumentException("journey " + journeyId + " is in the snapshot twice");
            }
            int j = store.newJourney(hash, slot);
            store.blobs[j] = blob;
            boolean[] first = {true};
            FactCodec.walkTimes(blob, (occurredSecond, occurredNano, recordedSecond, recordedNano) -> {
                store.widen(j, occurredSecond, occurredNano, recordedSecond, recordedNano, first[0]);
                first[0] = false;
            });
            store.place(j);
        }
        store.steps = frozen.steps();
        for (CampaignFacts campaign : frozen.campaigns()) {
            store.campaigns.put(campaign.campaignId(), campaign);
        }
        for (SegmentFacts segment : frozen.segments()) {
            store.segments.put(segment.segmentId(), segment);
        }
        store.attributes.addAll(frozen.attributes());
        return store;
    }
}

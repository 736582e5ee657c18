package io.revchain.system.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.revchain.system.StoreDurability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon event storage on MongoDB in which every hot path is a point lookup.
 * <p>
 * Each event document is keyed by a global sequence number reserved from a counter with an atomic {@code $inc}.
 * Aggregate streams are read through a unique {@code stream} key ({@code aggregateId/sequenceNumber}), which also
 * enforces optimistic concurrency. Trackers read the next numbers by key and keep numbers that are reserved but not
 * yet written as gaps in a {@link GapAwareTrackingToken}, so an event that commits late is never skipped. See
 * docs/architecture.md.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    static final String EVENTS = "events";
    static final String SNAPSHOTS = "snapshots";
    static final String SEQUENCES = "sequences";
    static final String SEQUENCE_ID = "events";

    static final String ID = "_id";
    static final String STREAM = "stream";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String EVENT_ID = "eventId";
    static final String TIMESTAMP = "timestamp";
    static final String RECORDED_AT = "recordedAt";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String TOMBSTONE = "tombstone";

    private static final int FIRST_AGGREGATE_WINDOW = 32;
    private static final int MAX_AGGREGATE_WINDOW = 1024;
    private static final int MAX_GAPS_CHECKED = 64;
    /** Keys per $in: the embedded server matches each document found against every key in the list. */
    private static final int PREFETCH_KEYS = 100;
    private static final String NEW_AGGREGATES = MongoEventStorageEngine.class.getName() + ".newAggregates";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> sequences;
    private final StoreDurability durability;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final Clock clock;
    private final RecentEvents recent;
    private volatile boolean snapshotsMayExist;
    private volatile long nextSnapshotCheck;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(EVENTS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.sequences = builder.database.getCollection(SEQUENCES);
        this.durability = builder.durability;
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.clock = builder.clock;
        this.recent = new RecentEvents(builder.recentEvents);
        events.createIndex(Indexes.ascending(STREAM), new IndexOptions().unique(true).name("stream_unique"));
        snapshotsMayExist = snapshots.estimatedDocumentCount() > 0;
        nextSnapshotCheck = System.nanoTime() + 5_000_000_000L;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration gapTimeout() {
        return gapTimeout;
    }

    /** Highest sequence number reserved so far; 0 for an empty store. */
    public long headSequence() {
        Document counter = sequences.find(Filters.eq(ID, SEQUENCE_ID)).first();
        return counter == null ? 0L : counter.get("value", Number.class).longValue();
    }

    /**
     * The lowest number in {@code (position, position + window]}, at most the head, that holds a written event (not a
     * tombstone): the next event a tracker at {@code position} has to handle, if it is there. Point lookups only.
     */
    public OptionalLong nextEventAfter(long position, int window) {
        long last = Math.min(headSequence(), position + window);
        OptionalLong next = OptionalLong.empty();
        for (long from = position + 1; from <= last && next.isEmpty(); from += PREFETCH_KEYS) {
            List<Long> ids = LongStream.rangeClosed(from, Math.min(last, from + PREFETCH_KEYS - 1)).boxed().toList();
            // By _id alone: the embedded server uses an index only for a query on exactly the indexed field, and
            // scanned every event for each health check while a node was catching up.
            next = events.find(Filters.in(ID, ids)).projection(Projections.include(ID, TOMBSTONE))
                         .into(new ArrayList<>()).stream().filter(d -> !d.getBoolean(TOMBSTONE, false))
                         .mapToLong(MongoEventStorageEngine::sequenceOf).min();
        }
        return next;
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        long last = reserve(eventMessages.size());
        long first = last - eventMessages.size() + 1;
        Instant reservedAt = clock.instant();
        List<Document> documents = new ArrayList<>(eventMessages.size());
        for (int i = 0; i < eventMessages.size(); i++) {
            documents.add(toDocument(first + i, eventMessages.get(i), serializer, reservedAt, true));
        }
        if (Duration.between(reservedAt, clock.instant()).compareTo(gapTimeout.dividedBy(2)) > 0) {
            // Readers may already have given up on these numbers: writing them now could let them be skipped.
            tombstone(first, last);
            throw new EventStoreException("Serializing " + eventMessages.size() + " events took longer than half the "
                    + "gap timeout (" + gapTimeout + "); the commit was abandoned and can be retried");
        }
        try {
            insert(documents);
        } catch (MongoBulkWriteException e) {
            int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            tombstone(first, last);
            handlePersistenceException(e, eventMessages.get(failed));
        } catch (MongoWriteException e) {
            tombstone(first, last);
            handlePersistenceException(e, eventMessages.get(0));
        }
        durability.commit();
        for (int i = 0; i < documents.size(); i++) {
            recent.add(first + i, documents.get(i));
        }
    }

    /** Writes one commit's events in order; the first duplicate stream key stops the write. */
    protected void insert(List<Document> documents) {
        events.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    private long reserve(int count) {
        // Ask for the value BEFORE the increment: the embedded server answers "after" from a live document that a
        // concurrent increment may already have changed, which would hand out the same numbers twice.
        Document before = sequences.findOneAndUpdate(
                Filters.eq(ID, SEQUENCE_ID),
                Updates.inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long previous = before == null ? 0L : before.get("value", Number.class).longValue();
        return previous + count;
    }

    /**
     * Marks reserved numbers of a failed commit as written-but-empty, so trackers move past them at once instead of
     * waiting for the gap timeout. Events of the failed commit that were already inserted are removed first: a commit
     * lands whole or not at all.
     */
    private void tombstone(long first, long last) {
        List<Long> ids = LongStream.rangeClosed(first, last).boxed().toList();
        try {
            events.deleteMany(Filters.in(ID, ids));
            Date now = Date.from(clock.instant());
            events.insertMany(ids.stream().map(id -> new Document(ID, id)
                                      .append(STREAM, "~tombstone/" + id)
                                      .append(TOMBSTONE, true)
                                      .append(RECORDED_AT, now))
                                      .toList(),
                              new InsertManyOptions().ordered(false));
            durability.commit();
        } catch (RuntimeException e) {
            log.warn("Could not mark sequence numbers {}..{} of a failed commit as empty; trackers will wait {} "
                             + "before moving past them. No action needed.", first, last, gapTimeout, e);
        }
    }

    /**
     * An event document. {@code compact} (events; snapshots keep every field, their queries need them): the
     * aggregate id and sequence number are left out, since the stream key holds them, and so is the aggregate type
     * when the id's prefix names it ({@link #typeByPrefix}); the payload type is stored under its alias
     * ({@link EventTypeAliases}); a null revision is left out; the event id and UUID-valued metadata (Axon's trace
     * and correlation ids) are 16-byte BSON UUIDs rather than 36-character strings. Documents of either form load
     * ({@link #toEventData}).
     */
    private Document toDocument(long sequence, EventMessage<?> event, Serializer serializer, Instant recordedAt,
                                boolean compact) {
        SerializedType payloadType = serializer.typeForClass(event.getPayloadType());
        Document document = new Document(ID, sequence);
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            String aggregateId = domainEvent.getAggregateIdentifier();
            document.append(STREAM, streamKey(aggregateId, domainEvent.getSequenceNumber()));
            // The stream key holds the id and the sequence number, unless it starts like a key of a document
            // without aggregate; the id's prefix usually names the type.
            boolean keyed = compact && !aggregateId.startsWith("~");
            if (!keyed) {
                document.append(AGGREGATE_ID, aggregateId);
            }
            if (!keyed || !Objects.equals(domainEvent.getType(), typeByPrefix(aggregateId))) {
                document.append(AGGREGATE_TYPE, domainEvent.getType());
            }
            if (!keyed) {
                document.append(SEQUENCE_NUMBER, domainEvent.getSequenceNumber());
            }
        } else {
            document.append(STREAM, "~event/" + event.getIdentifier());
        }
        Document metaData = BsonPayloads.toDocument(tree(event.getMetaData(), serializer, event, false));
        document.append(EVENT_ID, compact ? StoredUuids.compact(event.getIdentifier()) : event.getIdentifier())
                .append(TIMESTAMP, Date.from(event.getTimestamp()))
                .append(RECORDED_AT, Date.from(recordedAt))
                .append(PAYLOAD_TYPE, compact ? EventTypeAliases.stored(payloadType.getName()) : payloadType.getName());
        if (!compact || payloadType.getRevision() != null) {
            document.append(PAYLOAD_REVISION, payloadType.getRevision());
        }
        return document.append(PAYLOAD, BsonPayloads.toDocument(tree(event.getPayload(), serializer, event, true)))
                       .append(META_DATA, compact ? StoredUuids.compact(metaData) : metaData);
    }

    /** Jackson writes the tree directly; any other serializer goes through its own JSON representation. */
    private static JsonNode tree(Object value, Serializer serializer, EventMessage<?> event, boolean payload) {
        if (serializer instanceof JacksonSerializer jackson) {
            return jackson.getObjectMapper().valueToTree(value);
        }
        return payload ? event.serializePayload(serializer, JsonNode.class).getData()
                : event.serializeMetaData(serializer, JsonNode.class).getData();
    }

    static String streamKey(String aggregateId, long sequenceNumber) {
        return aggregateId + "/" + sequenceNumber;
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshotsMayExist = true;
        Document document = toDocument(0L, snapshot, serializer, clock.instant(), false);
        document.put(ID, snapshot.getAggregateIdentifier());
        document.remove(STREAM);
        try {
            snapshots.replaceOne(Filters.and(Filters.eq(ID, snapshot.getAggregateIdentifier()),
                                             Filters.lt(SEQUENCE_NUMBER, snapshot.getSequenceNumber())),
                                 document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A snapshot at the same or a later sequence number is already stored.
        }
        durability.commit();
    }

    // ---- reading aggregates -----------------------------------------------------------------------------------

    /**
     * Finds which of these aggregates have no events yet, with one key lookup each, and lets their loads in the
     * current unit of work skip the store; a load otherwise reads a window of 32 keys.
     * Safe against concurrent writers: one that creates such an aggregate meanwhile still makes this commit fail on
     * the unique stream key. Answers the aggregates found new.
     */
    public Set<String> prefetchNewAggregates(Collection<String> aggregateIds) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Set<String> fresh = new HashSet<>(aggregateIds);
        List<String> firstKeys = aggregateIds.stream().map(id -> streamKey(id, 0)).toList();
        for (int from = 0; from < firstKeys.size(); from += PREFETCH_KEYS) {
            events.find(Filters.in(STREAM, firstKeys.subList(from, Math.min(firstKeys.size(), from + PREFETCH_KEYS))))
                  .projection(Projections.include(STREAM))
                  .forEach(d -> fresh.remove(aggregateIdOf(d)));
        }
        unitOfWork.getOrComputeResource(NEW_AGGREGATES, key -> new HashSet<String>()).addAll(fresh);
        return fresh;
    }

    private static boolean knownNew(String aggregateId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> fresh = CurrentUnitOfWork.get().root().getResource(NEW_AGGREGATES);
        return fresh != null && fresh.contains(aggregateId);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateId, long firstSequenceNumber) {
        if (firstSequenceNumber == 0 && knownNew(aggregateId)) {
            return Stream.empty();
        }
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        int window = FIRST_AGGREGATE_WINDOW;
        while (true) {
            List<? extends DomainEventData<?>> batch = fetchDomainEvents(aggregateId, next, window);
            result.addAll(batch);
            if (batch.size() < window) {
                return result.stream();
            }
            next += window;
            window = Math.min(window * 4, MAX_AGGREGATE_WINDOW);
        }
    }

    /** The contiguous run of the aggregate's events from {@code firstSequenceNumber}, by stream key. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateId, long firstSequenceNumber,
                                                                   int batchSize) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                                      .mapToObj(seq -> streamKey(aggregateId, seq))
                                      .toList();
        Map<Long, Document> bySequence = new HashMap<>();
        for (Document document : events.find(Filters.in(STREAM, keys))) {
            bySequence.put(sequenceNumberOf(document), document);
        }
        List<DomainEventData<?>> result = new ArrayList<>(bySequence.size());
        for (long seq = firstSequenceNumber; bySequence.containsKey(seq); seq++) {
            result.add(toEventData(bySequence.get(seq)));
        }
        return result;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateId) {
        long next = 0;
        int window = FIRST_AGGREGATE_WINDOW;
        Long last = null;
        while (true) {
            long from = next;
            List<String> keys = LongStream.range(from, from + window).mapToObj(s -> streamKey(aggregateId, s)).toList();
            TreeSet<Long> found = new TreeSet<>();
            events.find(Filters.in(STREAM, keys)).projection(Projections.include(STREAM, SEQUENCE_NUMBER))
                  .forEach(d -> found.add(sequenceNumberOf(d)));
            long seq = from;
            while (found.contains(seq)) {
                last = seq++;
            }
            if (seq < from + window) {
                return Optional.ofNullable(last);
            }
            next = from + window;
            window = Math.min(window * 4, MAX_AGGREGATE_WINDOW);
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateId) {
        if (knownNew(aggregateId) || !snapshotsMayExist()) {
            // Every aggregate load asks for a snapshot first; while none is stored anywhere, skip that round trip.
            return Stream.empty();
        }
        Document document = snapshots.find(Filters.eq(ID, aggregateId)).first();
        return document == null ? Stream.empty() : Stream.of(toEventData(document));
    }

    /** Re-checked every few seconds, so that snapshots another node stores are found; until then loads are full. */
    private boolean snapshotsMayExist() {
        if (!snapshotsMayExist && System.nanoTime() - nextSnapshotCheck > 0) {
            nextSnapshotCheck = System.nanoTime() + 5_000_000_000L;
            snapshotsMayExist = snapshots.estimatedDocumentCount() > 0;
        }
        return snapshotsMayExist;
    }

    /** An event or snapshot document of either form (see {@link #toDocument}) as Axon's event data. */
    private GenericDomainEventEntry<JsonNode> toEventData(Document document) {
        String aggregateId = aggregateIdOf(document);
        return new GenericDomainEventEntry<>(document.containsKey(AGGREGATE_TYPE) ? document.getString(AGGREGATE_TYPE)
                                                     : typeByPrefix(aggregateId),
                                             aggregateId,
                                             sequenceNumberOf(document),
                                             StoredUuids.text(document.get(EVENT_ID)),
                                             document.getDate(TIMESTAMP).toInstant(),
                                             EventTypeAliases.className(document.getString(PAYLOAD_TYPE)),
                                             document.getString(PAYLOAD_REVISION),
                                             BsonPayloads.toJsonNode(document.get(PAYLOAD, Document.class)),
                                             BsonPayloads.toJsonNode(StoredUuids.expand(
                                                     document.get(META_DATA, Document.class))));
    }

    /** The aggregate of an event document: its field, else the stream key's part before the last '/'. */
    private static String aggregateIdOf(Document document) {
        String aggregateId = document.getString(AGGREGATE_ID);
        if (aggregateId != null) {
            return aggregateId;
        }
        String stream = document.getString(STREAM);
        return stream == null || stream.startsWith("~") ? null : stream.substring(0, stream.lastIndexOf('/'));
    }

    /**
     * The aggregate type an id's prefix names: {@code journey:L-42} → {@code Journey}. A compact document leaves its
     * type out only when this gives it back; null for an id without a prefix.
     */
    static String typeByPrefix(String aggregateId) {
        int colon = aggregateId == null ? -1 : aggregateId.indexOf(':');
        return colon <= 0 ? null : Character.toUpperCase(aggregateId.charAt(0)) + aggregateId.substring(1, colon);
    }

    /** The sequence number in the aggregate: its field, else the stream key's part after the last '/'; 0 if none. */
    private static long sequenceNumberOf(Document document) {
        Number sequence = document.get(SEQUENCE_NUMBER, Number.class);
        if (sequence != null) {
            return sequence.longValue();
        }
        String stream = document.getString(STREAM);
        return stream == null || stream.startsWith("~") ? 0L
                : Long.parseLong(stream.substring(stream.lastIndexOf('/') + 1));
    }

    // ---- tracking ---------------------------------------------------------------------------------------------

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = lastToken == null
                ? GapAwareTrackingToken.newInstance(0, List.of())
                : (GapAwareTrackingToken) lastToken;
        long head = headSequence();
        SortedSet<Long> gaps = token.getGaps();
        long from = token.getIndex() + 1;
        boolean gapsChecked = gaps.isEmpty();
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (result.isEmpty()) {
            if (from > head && gapsChecked) {
                return result;
            }
            List<Long> ids = new ArrayList<>(gapsChecked ? List.of() : gaps);
            LongStream.rangeClosed(from, Math.min(head, from + batchSize - 1)).forEach(ids::add);
            TreeSet<Long> found = new TreeSet<>();
            List<Document> documents = new ArrayList<>(ids.size());
            List<Long> notHeld = new ArrayList<>();
            for (Long id : ids) {
                Document held = recent.get(id);
                if (held != null) {
                    documents.add(held);
                } else {
                    notHeld.add(id);
                }
            }
            if (!notHeld.isEmpty()) {
                events.find(Filters.in(ID, notHeld)).forEach(documents::add);
            }
            documents.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
            if (!gapsChecked) {
                documents.forEach(d -> found.add(sequenceOf(d)));
                token = withoutExpiredGaps(token, found);
                gapsChecked = true;
            }
            for (Document document : documents) {
                long sequence = sequenceOf(document);
                if (sequence <= token.getIndex() && !token.getGaps().contains(sequence)) {
                    continue;
                }
                token = token.advanceTo(sequence, maxGapOffset);
                if (!document.getBoolean(TOMBSTONE, false)) {
                    result.add(new TrackedDomainEventData<>(token, toEventData(document)));
                }
            }
            from += batchSize;
        }
        return result;
    }

    private static long sequenceOf(Document document) {
        return document.get(ID, Number.class).longValue();
    }

    /**
     * A gap whose following event was recorded longer ago than the gap timeout is a number that was reserved and
     * never written (a writer died mid-commit): stop waiting for it.
     */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token, Collection<Long> filled) {
        SortedSet<Long> open = new TreeSet<>(token.getGaps());
        open.removeAll(filled);
        if (open.isEmpty()) {
            return token;
        }
        Map<Long, Long> followerOf = new HashMap<>();
        for (Long gap : open) {
            if (followerOf.size() >= MAX_GAPS_CHECKED) {
                break;
            }
            long follower = gap + 1;
            while (open.contains(follower)) {
                follower++;
            }
            followerOf.put(gap, follower);
        }
        Map<Long, Instant> recordedAt = new HashMap<>();
        events.find(Filters.in(ID, followerOf.values())).projection(Projections.include(RECORDED_AT))
              .forEach(d -> recordedAt.put(sequenceOf(d), d.getDate(RECORDED_AT).toInstant()));
        Instant threshold = clock.instant().minus(gapTimeout);
        SortedSet<Long> expired = new TreeSet<>();
        followerOf.forEach((gap, follower) -> {
            Instant followerRecorded = recordedAt.get(follower);
            if (followerRecorded == null || followerRecorded.isBefore(threshold)) {
                expired.add(gap);
            }
        });
        if (expired.isEmpty()) {
            return token;
        }
        log.warn("Sequence numbers {} were reserved but not written within {}; moving past them. A writer probably "
                         + "stopped mid-commit; its command failed and can be retried.", expired, gapTimeout);
        SortedSet<Long> remaining = new TreeSet<>(token.getGaps());
        remaining.removeAll(expired);
        return GapAwareTrackingToken.newInstance(token.getIndex(), remaining);
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = headSequence();
        if (head == 0) {
            return createTailToken();
        }
        // Numbers near the head may belong to commits still in flight: keep the unwritten ones as gaps.
        long from = Math.max(1, head - 256);
        TreeSet<Long> present = new TreeSet<>();
        events.find(Filters.in(ID, LongStream.rangeClosed(from, head).boxed().toList()))
              .projection(Projections.include(ID))
              .forEach(d -> present.add(sequenceOf(d)));
        if (present.isEmpty()) {
            return GapAwareTrackingToken.newInstance(from - 1, List.of());
        }
        long index = present.last();
        List<Long> gaps = LongStream.range(from, index).filter(n -> !present.contains(n)).boxed().toList();
        return GapAwareTrackingToken.newInstance(index, gaps);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // Rare administrative call (reset to a date); on the embedded server this is a collection scan.
        Bson filter = Filters.and(Filters.gte(TIMESTAMP, Date.from(dateTime)), Filters.ne(TOMBSTONE, true));
        Document first = events.find(filter).sort(Sorts.ascending(ID)).projection(Projections.include(ID)).first();
        if (first == null) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(sequenceOf(first) - 1, List.of());
    }

    // ---- builder ----------------------------------------------------------------------------------------------

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private StoreDurability durability = StoreDurability.NONE;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private int recentEvents = 20_000;

        Builder() {
            persistenceExceptionResolver(DUPLICATE_KEY);
            batchSize(1000);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder durability(StoreDurability durability) {
            this.durability = durability;
            return this;
        }

        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** How many of its own latest events a node keeps for its trackers; 0 turns the cache off. */
        public Builder recentEvents(int recentEvents) {
            this.recentEvents = recentEvents;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventStorageEngine build() {
            if (database == null) {
                throw new IllegalStateException("A MongoDatabase is required");
            }
            return new MongoEventStorageEngine(this);
        }
    }

    private static final PersistenceExceptionResolver DUPLICATE_KEY = exception -> {
        if (exception instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                       .anyMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return exception instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    };
}

package io.revchain.analytics.visits;

import static io.revchain.analytics.visits.ReadModelDocuments.ID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.revchain.analytics.Cut;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyDimensions;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.StageVisit;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.flow.FlowMaps;
import io.revchain.analytics.flow.StepFacts;
import io.revchain.journey.JourneyEvent;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapEvent;
import io.revchain.map.MapView;
import io.revchain.system.Failures;
import io.revchain.system.ParkedEvents;
import io.revchain.system.ParkedEvents.EventRef;
import io.revchain.system.StoreDurability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.axonframework.eventhandling.Segment;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies recorded journey and map events to one generation of the read models; the live projection and the
 * rebuild both write through it, so both produce the same documents. Idempotent: a step already among its journey's
 * step rows changes nothing, and every write is a replace, update or delete by _id. A journey's steps are its rows
 * {@code journeyId/0 .. journeyId/(stepCount-1)} in {@value Generation#JOURNEY_STEPS}, read back by _id; the journey
 * document (fixed size: dimensions, step and visit counts) is written after its steps and visits, so a batch cut
 * short is redone in full when it is delivered again, writing the same rows at the same places.
 * <p>
 * The live projection runs on several segments: journey events reach the segment that owns the journey, map events
 * reach every segment, and each segment recomputes only the journeys it owns, so no two segments write the same
 * journey. Every map the generation has seen a map event for is applied to the segment's journeys at the version
 * the segment last applied, kept per segment in {@value Generation#VISIT_MAPS}; a map event moves that map to the
 * catalog's current version and recomputes the map's visits for the segment's journeys (or only relabels the
 * version when the stages did not change). {@code mapVersion} is raised once every segment has done so.
 */
@Component
class ReadModelWriter {

    private static final Logger log = LoggerFactory.getLogger(ReadModelWriter.class);

    /** Journeys per bulk write. */
    static final int CHUNK = 1000;
    /**
     * Ids per $in lookup: the embedded server matches every document found against every id in the list, so a
     * lookup costs (ids)²; 100 keeps that below the cost of the round trips.
     */
    static final int LOOKUP = 100;
    /** Every recorded step, whatever its business time: the read models are "everything known", not "as of now". */
    private static final Cut EVERYTHING = new Cut(Instant.MAX, null);
    private static final FlowMap NO_STAGES = new FlowMap("-", 0, List.of(), List.of());
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** Per map in visit_maps: the version each segment of the live projection last applied, by segment key. */
    static final String SEGMENTS = "segments";
    /** A journey's aggregate identifier, by which Axon assigns its events to a segment. */
    private static final String JOURNEY_PREFIX = "journey:";

    /** The read models' processor, under which events they cannot handle are parked, live or in a rebuild. */
    static final String PROCESSOR = "flow-read-model";

    /** One event as the read models need it: its global position, record time and payload, and what it is. */
    record Recorded(long position, Instant recordedAt, Object payload, EventRef ref) {

        Recorded(long position, Instant recordedAt, Object payload) {
            this(position, recordedAt, payload, new EventRef(position, null,
                                                             payload == null ? null : payload.getClass().getName(),
                                                             null));
        }
    }

    private record Target(MongoCollection<Document> steps, MongoCollection<Document> journeys,
                          MongoCollection<Document> visits, MongoCollection<Document> maps, Segment segment) {

        /** The key under which the segment's applied map versions are kept: {@code "<segmentId>/<mask>"}. */
        String segmentKey() {
            return segment.getSegmentId() + "/" + segment.getMask();
        }

        boolean owns(String journeyId) {
            return segment.matches(Objects.hashCode(JOURNEY_PREFIX + journeyId));
        }
    }

    private final MongoDatabase database;
    private final MapCatalog catalog;
    private final StoreDurability durability;
    private final Map<String, FlowMap> mapVersions = new ConcurrentHashMap<>();

    private final ParkedEvents parked;

    ReadModelWriter(MongoDatabase database, MapCatalog catalog, StoreDurability durability, ParkedEvents parked) {
        this.database = database;
        this.catalog = catalog;
        this.durability = durability;
        this.parked = parked;
    }

    /** True for the payload types the read models are built from; others are skipped without deserializing. */
    static boolean relevant(Class<?> payloadType) {
        return JourneyEvent.class.isAssignableFrom(payloadType) || MapEvent.class.isAssignableFrom(payloadType);
    }

    void apply(Generation generation, List<Recorded> events) {
        apply(generation, events, Segment.ROOT_SEGMENT, written -> { });
    }

    Set<Long> applyOrPark(Generation generation, List<Recorded> events, IntConsumer progress) throws Exception {
        return applyOrPark(generation, events, Segment.ROOT_SEGMENT, progress);
    }

    /**
     * As {@link #apply(Generation, List, IntConsumer)}, but an event whose writing fails deterministically does not
     * stop the rest: the batch is split in halves until the failing events are alone, each is tried again and then
     * parked (see ParkedEvents), and every other event is written. Writes are idempotent, so writing part of a batch
     * again is harmless. Infrastructure failures are thrown, for the caller to retry the whole batch. Returns the
     * positions of the events parked.
     */
    Set<Long> applyOrPark(Generation generation, List<Recorded> events, Segment segment, IntConsumer progress)
            throws Exception {
        try {
            apply(generation, events, segment, progress);
            return Set.of();
        } catch (RuntimeException e) {
            if (Failures.isInfrastructure(e)) {
                throw e;
            }
            log.warn("Read models: a batch of {} events failed ({}); writing its events separately to find the "
                             + "one that fails", events.size(), e.toString());
            Set<Long> parkedHere = new TreeSet<>();
            isolate(generation, events, segment, parkedHere);
            durability.commit();
            return parkedHere;
        }
    }

    private void isolate(Generation generation, List<Recorded> events, Segment segment, Set<Long> parkedHere)
            throws Exception {
        if (events.size() == 1) {
            Recorded event = events.get(0);
            if (!parked.handleOrPark(PROCESSOR, event.ref(), null,
                                     () -> apply(generation, events, segment, written -> { }))) {
                parkedHere.add(event.position());
            }
            return;
        }
        int middle = events.size() / 2;
        for (List<Recorded> half : List.of(events.subList(0, middle), events.subList(middle, events.size()))) {
            try {
                apply(generation, half, segment, written -> { });
            } catch (RuntimeException e) {
                if (Failures.isInfrastructure(e)) {
                    throw e;
                }
                isolate(generation, half, segment, parkedHere);
            }
        }
    }

    /**
     * Writes a batch of one segment: each journey of the batch once, with all its new steps, except that a map event
     * which moves the map to another version first writes the journeys seen before it and then recomputes the map's
     * visits for the segment's journeys. {@code progress} hears how many journeys of the current run are written so
     * far.
     */
    void apply(Generation generation, List<Recorded> events, Segment segment, IntConsumer progress) {
        if (events.isEmpty()) {
            return;
        }
        Target target = new Target(collection(generation, Generation.JOURNEY_STEPS),
                                   collection(generation, Generation.JOURNEYS),
                                   collection(generation, Generation.STAGE_VISITS),
                                   collection(generation, Generation.VISIT_MAPS), segment);
        Map<String, FlowMap> maps = loadMaps(target);
        Map<String, MapView> current = new HashMap<>();
        Map<String, List<StepFact>> pending = new LinkedHashMap<>();
        for (Recorded event : events) {
            if (event.payload() instanceof JourneyEvent step) {
                pending.computeIfAbsent(step.journeyId(), id -> new ArrayList<>())
                       .add(StepFacts.of(step, event.recordedAt(), event.position()));
            } else if (event.payload() instanceof MapEvent change) {
                MapView now = current.computeIfAbsent(change.mapId(), this::currentVersion);
                FlowMap stored = maps.get(now.mapId());
                if (stored == null || stored.version() != now.version()) {
                    // The recompute must see every step recorded before the change.
                    writeJourneys(target, maps, pending, progress);
                    pending.clear();
                    mapChanged(target, maps, now);
                }
            }
        }
        writeJourneys(target, maps, pending, progress);
        // No commit of the embedded store here: each of its commits is a consistent cut (IndexKeyH2Backend), so one
        // that holds the token the processor stores after this batch holds the batch's writes too.
    }

    private MapView currentVersion(String mapId) {
        return catalog.current(mapId).orElseThrow(() -> new IllegalStateException(
                "Map " + mapId + " has events but the catalog does not know it"));
    }

    private MongoCollection<Document> collection(Generation generation, String base) {
        return database.getCollection(generation.collection(base));
    }

    /**
     * The maps this segment computes visits for, each at the version the segment last applied; a map whose first
     * computation this segment has not done yet is left out (it does it when the map's event reaches it).
     */
    private Map<String, FlowMap> loadMaps(Target target) {
        Map<String, FlowMap> maps = new TreeMap<>();
        for (Document map : target.maps().find()) {
            String mapId = map.getString(ID);
            Document segments = map.get(SEGMENTS, Document.class);
            Number applied = segments == null ? null : segments.get(target.segmentKey(), Number.class);
            long version = applied != null ? applied.longValue() : map.get("mapVersion", Number.class).longValue();
            if (version > 0) {
                maps.put(mapId, flowMap(mapId, version));
            }
        }
        return maps;
    }

    private FlowMap flowMap(String mapId, long version) {
        return mapVersions.computeIfAbsent(mapId + "/" + version, key -> catalog.version(mapId, version)
                .map(FlowMaps::toFlowMap)
                .orElseThrow(() -> new IllegalStateException("Map " + mapId + " has no version " + version)));
    }

    private void writeJourneys(Target target, Map<String, FlowMap> maps, Map<String, List<StepFact>> pending,
                               IntConsumer progress) {
        List<String> ids = new ArrayList<>(pending.keySet());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            Map<String, Document> existing = journeys(target, chunk);
            Map<String, List<StepFact>> stored = steps(target, existing.values());
            List<WriteModel<Document>> stepWrites = new ArrayList<>();
            List<WriteModel<Document>> visitWrites = new ArrayList<>();
            List<WriteModel<Document>> journeyWrites = new ArrayList<>();
            for (String journeyId : chunk) {
                Document old = existing.get(journeyId);
                List<StepFact> facts = new ArrayList<>(stored.getOrDefault(journeyId, List.of()));
                Set<String> known = new HashSet<>();
                facts.forEach(f -> known.add(f.stepId()));
                int before = facts.size();
                for (StepFact step : pending.get(journeyId)) {
                    if (known.add(step.stepId())) {
                        // A row past the stored count is new, unless a batch cut short wrote it (see bulk).
                        stepWrites.add(new InsertOneModel<>(ReadModelDocuments.stepDocument(journeyId, facts.size(),
                                                                                            step)));
                        facts.add(step);
                    }
                }
                if (facts.size() == before) {
                    continue;
                }
                Map<String, Integer> counts = old == null ? new TreeMap<>() : ReadModelDocuments.visitCounts(old);
                JourneyFacts journey = new JourneyFacts(journeyId, facts);
                JourneyFacts previous = new JourneyFacts(journeyId, facts.subList(0, before));
                JourneyDimensions dimensions = JourneyTimeline.of(journey, NO_STAGES).under(EVERYTHING).dimensions();
                for (FlowMap map : maps.values()) {
                    writeVisits(map, journey, previous, counts, visitWrites);
                }
                Document journeyDocument = ReadModelDocuments.journeyDocument(journeyId, facts.size(), dimensions,
                                                                              counts);
                journeyWrites.add(old == null ? new InsertOneModel<>(journeyDocument) : replace(journeyDocument));
            }
            bulk(target.steps(), stepWrites);
            bulk(target.visits(), visitWrites);
            bulk(target.journeys(), journeyWrites);
            progress.accept(from + chunk.size());
        }
    }

    /** The stored steps of these journeys, read by their rows' keys in recording order. */
    private static Map<String, List<StepFact>> steps(Target target, Collection<Document> journeys) {
        List<String> keys = new ArrayList<>();
        for (Document journey : journeys) {
            String journeyId = journey.getString(ID);
            int count = journey.get(ReadModelDocuments.STEP_COUNT, Number.class).intValue();
            for (int index = 0; index < count; index++) {
                keys.add(ReadModelDocuments.stepKey(journeyId, index));
            }
        }
        Map<String, Document> rows = new HashMap<>();
        for (int from = 0; from < keys.size(); from += LOOKUP) {
            target.steps().find(Filters.in(ID, keys.subList(from, Math.min(keys.size(), from + LOOKUP))))
                  .forEach(d -> rows.put(d.getString(ID), d));
        }
        Map<String, List<StepFact>> steps = new HashMap<>();
        for (Document journey : journeys) {
            String journeyId = journey.getString(ID);
            int count = journey.get(ReadModelDocuments.STEP_COUNT, Number.class).intValue();
            List<StepFact> facts = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                Document row = rows.get(ReadModelDocuments.stepKey(journeyId, index));
                if (row == null) {
                    throw new IllegalStateException("Read models: journey " + journeyId + " counts " + count
                            + " steps but its row " + index + " is missing; rebuild the read models");
                }
                facts.add(ReadModelDocuments.fact(row));
            }
            steps.put(journeyId, facts);
        }
        return steps;
    }

    /**
     * Upserts the journey's visits under {@code map} and deletes the ones past its new count. With the journey's
     * {@code previous} steps (whose visits under {@code map} the generation holds), only visits that changed are
     * written: a step usually closes one visit and opens the next.
     */
    private static void writeVisits(FlowMap map, JourneyFacts journey, JourneyFacts previous,
                                    Map<String, Integer> counts, List<WriteModel<Document>> writes) {
        JourneyFlow flow = JourneyTimeline.of(journey, map).under(EVERYTHING);
        List<Document> stored = List.of();
        if (previous != null && !previous.steps().isEmpty()) {
            JourneyFlow before = JourneyTimeline.of(previous, map).under(EVERYTHING);
            stored = before.visits().stream()
                           .map(v -> ReadModelDocuments.visitDocument(map, v, before.dimensions())).toList();
        }
        int held = counts.getOrDefault(map.mapId(), 0);
        for (StageVisit visit : flow.visits()) {
            Document document = ReadModelDocuments.visitDocument(map, visit, flow.dimensions());
            if (visit.index() >= held) {
                writes.add(new InsertOneModel<>(document));
            } else if (visit.index() >= stored.size() || !stored.get(visit.index()).equals(document)) {
                writes.add(replace(document));
            }
        }
        for (int index = flow.visits().size(); index < held; index++) {
            writes.add(new DeleteOneModel<>(Filters.eq(ID, ReadModelDocuments.visitKey(map.mapId(),
                                                                                        journey.journeyId(), index))));
        }
        counts.put(map.mapId(), flow.visits().size());
    }

    private void mapChanged(Target target, Map<String, FlowMap> maps, MapView current) {
        String mapId = current.mapId();
        FlowMap stored = maps.get(mapId);
        FlowMap fresh = mapVersions.computeIfAbsent(mapId + "/" + current.version(),
                                                    key -> FlowMaps.toFlowMap(current));
        if (stored != null && stored.stages().equals(fresh.stages())) {
            // A definition was proposed or agreed, or the map renamed: the visits stay, only their version moves.
            // Every segment relabels all rows of the map once it has stopped writing the old label itself, so the
            // last segment to get here leaves no row behind.
            target.visits().updateMany(Filters.eq("mapId", mapId), Updates.set("mapVersion", fresh.version()));
        } else {
            recompute(target, fresh);
        }
        Document segments = target.maps().findOneAndUpdate(
                Filters.eq(ID, mapId),
                Updates.combine(Updates.set("mapId", mapId), Updates.set("name", current.name()),
                                Updates.set("stageIds", fresh.stages().stream().map(FlowStage::stageId).toList()),
                                Updates.set(SEGMENTS + "." + target.segmentKey(), fresh.version()),
                                Updates.setOnInsert("mapVersion", 0L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .get(SEGMENTS, Document.class);
        if (covered(segments, fresh.version())) {
            target.maps().updateOne(Filters.eq(ID, mapId), Updates.max("mapVersion", fresh.version()));
        }
        maps.put(mapId, fresh);
    }

    /**
     * Whether the segments that applied at least {@code version} together own every journey: each segment owns the
     * hashes h with {@code h & mask == segmentId}, so it is enough to check the residues of the largest mask.
     */
    static boolean covered(Document segments, long version) {
        List<int[]> done = new ArrayList<>();
        int largest = 0;
        for (Map.Entry<String, Object> entry : segments.entrySet()) {
            if (entry.getValue() instanceof Number applied && applied.longValue() >= version) {
                String[] parts = entry.getKey().split("/");
                int[] segment = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
                done.add(segment);
                largest = Math.max(largest, segment[1]);
            }
        }
        for (int residue = 0; residue <= largest; residue++) {
            int r = residue;
            if (done.stream().noneMatch(segment -> (r & segment[1]) == segment[0])) {
                return false;
            }
        }
        return !done.isEmpty();
    }

    /**
     * The map's visits for every journey of the segment: a scan of the journey ids, then point lookups. Map changes
     * are rare.
     */
    private void recompute(Target target, FlowMap map) {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        target.journeys().find().projection(Projections.include(ID)).forEach(d -> {
            String journeyId = d.getString(ID);
            if (target.owns(journeyId)) {
                ids.add(journeyId);
            }
        });
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<WriteModel<Document>> visitWrites = new ArrayList<>();
            List<WriteModel<Document>> journeyWrites = new ArrayList<>();
            Map<String, Document> journeys = journeys(target, chunk);
            Map<String, List<StepFact>> steps = steps(target, journeys.values());
            for (Document journey : journeys.values()) {
                String journeyId = journey.getString(ID);
                Map<String, Integer> counts = ReadModelDocuments.visitCounts(journey);
                writeVisits(map, new JourneyFacts(journeyId, steps.get(journeyId)), null, counts, visitWrites);
                journeyWrites.add(new UpdateOneModel<>(Filters.eq(ID, journeyId),
                        Updates.set(ReadModelDocuments.VISIT_COUNTS, ReadModelDocuments.visitCountsDocument(counts))));
            }
            bulk(target.visits(), visitWrites);
            bulk(target.journeys(), journeyWrites);
        }
        if (ids.size() >= CHUNK) {
            log.info("Read models: visits of {} journeys recomputed for map {} version {} in {} ms (segment {})",
                     ids.size(), map.mapId(), map.version(), (System.nanoTime() - started) / 1_000_000,
                     target.segmentKey());
        }
    }

    private static Map<String, Document> journeys(Target target, List<String> ids) {
        Map<String, Document> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP) {
            target.journeys().find(Filters.in(ID, ids.subList(from, Math.min(ids.size(), from + LOOKUP))))
                  .forEach(d -> found.put(d.getString(ID), d));
        }
        return found;
    }

    private static ReplaceOneModel<Document> replace(Document document) {
        return new ReplaceOneModel<>(Filters.eq(ID, document.get(ID)), document, UPSERT);
    }

    /**
     * Writes unordered. Documents the journey's state says are new are inserted (an insert costs the server less
     * than an upsert); one that exists anyway, written by a batch cut short before its journey document, is
     * replaced instead.
     */
    private static void bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                        || !(writes.get(error.getIndex()) instanceof InsertOneModel<Document> insert)) {
                    throw e;
                }
                again.add(replace(insert.getDocument()));
            }
            collection.bulkWrite(again, UNORDERED);
        }
    }
}

package io.revchain.map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.revchain.system.StoreDurability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The current step types, name and version of every map, in MongoDB, so that {@link DeclaredStepTypes} answers with
 * two point lookups and survives restarts.
 * <p>
 * {@value #MAPS}: one document per map ({@code definitionVersion} guards against applying an older definition over a
 * newer one). {@value #STEP_TYPES}: per step type, the maps that ever listed it; {@value #CURRENCIES}: per currency,
 * the maps that ever declared it. Those lists only grow; a lookup confirms the type or currency against the maps'
 * current definitions, so two updaters racing can never lose an entry.
 * Every write is idempotent, which lets a subscribing and a tracking processor both apply the same events.
 * <p>
 * Answers are cached, since the intake asks about every step (twice). Every change of a definition also raises the
 * counter in {@value #REVISIONS}; a node that changes a definition drops its cache at once, and every node compares
 * the counter with the one its cache was filled under at most every {@code revchain.maps.declared-check} (1 s), so
 * a map revised on another node is seen within that time. See docs/operations.md.
 */
@Component
class MapIndex implements DeclaredStepTypes, DeclaredCurrencies {

    static final String MAPS = "map_index";
    static final String STEP_TYPES = "map_step_type_index";
    static final String CURRENCIES = "map_currency_index";
    static final String REVISIONS = "map_index_revision";
    private static final String REVISION_ID = "revision";

    private final MongoCollection<Document> maps;
    private final MongoCollection<Document> stepTypes;
    private final MongoCollection<Document> currencies;
    private final MongoCollection<Document> revisions;
    private final StoreDurability durability;
    private final long checkEveryNanos;
    private final Map<String, Boolean> declaredTypes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> declaredCurrencies = new ConcurrentHashMap<>();
    /** Raised whenever the caches are dropped; an answer computed under an older generation is not cached. */
    private final AtomicLong generation = new AtomicLong();
    private volatile long storedRevision = -1;
    private volatile long nextCheck = System.nanoTime();

    MapIndex(MongoDatabase database, StoreDurability durability) {
        this(database, durability, Duration.ofSeconds(1));
    }

    @Autowired
    MapIndex(MongoDatabase database, StoreDurability durability,
             @Value("${revchain.maps.declared-check:1s}") Duration checkEvery) {
        this.maps = database.getCollection(MAPS);
        this.stepTypes = database.getCollection(STEP_TYPES);
        this.currencies = database.getCollection(CURRENCIES);
        this.revisions = database.getCollection(REVISIONS);
        this.durability = durability;
        this.checkEveryNanos = checkEvery.toNanos();
    }

    void defined(String mapId, long version, MapDefinition definition) {
        List<String> types = List.copyOf(definition.stepTypes());
        for (String type : types) {
            stepTypes.updateOne(Filters.eq("_id", type), Updates.addToSet("maps", mapId),
                                new UpdateOptions().upsert(true));
        }
        if (definition.currency() != null) {
            currencies.updateOne(Filters.eq("_id", definition.currency()), Updates.addToSet("maps", mapId),
                                 new UpdateOptions().upsert(true));
        }
        Bson olderVersion = Filters.and(Filters.eq("_id", mapId), Filters.lt("definitionVersion", version));
        Bson update = Updates.combine(Updates.set("name", definition.name()),
                                      Updates.set("stepTypes", types),
                                      Updates.set("currency", definition.currency()),
                                      Updates.set("definitionVersion", version),
                                      Updates.max("version", version));
        try {
            maps.updateOne(olderVersion, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // The document exists: either it holds this version or a newer one, or another updater inserted it
            // concurrently with an older one, which this conditional update then overwrites.
            maps.updateOne(olderVersion, update);
        }
        Document revised = revisions.findOneAndUpdate(Filters.eq("_id", REVISION_ID), Updates.inc("value", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        durability.commit();
        dropCaches(revised == null ? -1 : revised.get("value", Number.class).longValue());
    }

    private void dropCaches(long revision) {
        generation.incrementAndGet();
        declaredTypes.clear();
        declaredCurrencies.clear();
        storedRevision = revision;
    }

    /** Drops the caches when another node changed a definition since they were filled; at most once per period. */
    private void checkRevision() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + checkEveryNanos;
        Document counter = revisions.find(Filters.eq("_id", REVISION_ID)).first();
        long revision = counter == null ? 0 : counter.get("value", Number.class).longValue();
        if (revision != storedRevision) {
            dropCaches(revision);
        }
    }

    private boolean cached(Map<String, Boolean> cache, String key, Predicate<String> lookup) {
        checkRevision();
        Boolean known = cache.get(key);
        if (known != null) {
            return known;
        }
        long before = generation.get();
        boolean answer = lookup.test(key);
        if (generation.get() == before) {
            cache.put(key, answer);
        }
        return answer;
    }

    void versioned(String mapId, long version) {
        UpdateResult result = maps.updateOne(Filters.eq("_id", mapId), Updates.max("version", version));
        if (result.getModifiedCount() > 0) {
            durability.commit();
        }
    }

    @Override
    public boolean isDeclared(String stepType) {
        return stepType != null && cached(declaredTypes, stepType, this::storedDeclared);
    }

    private boolean storedDeclared(String stepType) {
        Document type = stepTypes.find(Filters.eq("_id", stepType)).first();
        if (type == null) {
            return false;
        }
        List<String> candidates = type.getList("maps", String.class, List.of());
        for (Document map : maps.find(Filters.in("_id", candidates)).projection(Projections.include("stepTypes"))) {
            if (map.getList("stepTypes", String.class, List.of()).contains(stepType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isDeclaredCurrency(String currency) {
        return currency != null && cached(declaredCurrencies, currency, this::storedCurrency);
    }

    private boolean storedCurrency(String currency) {
        Document declared = currencies.find(Filters.eq("_id", currency)).first();
        if (declared == null) {
            return false;
        }
        List<String> candidates = declared.getList("maps", String.class, List.of());
        for (Document map : maps.find(Filters.in("_id", candidates)).projection(Projections.include("currency"))) {
            if (currency.equals(map.getString("currency"))) {
                return true;
            }
        }
        return false;
    }

    List<MapSummaryView> maps() {
        List<MapSummaryView> result = new ArrayList<>();
        for (Document map : maps.find()) {
            result.add(new MapSummaryView(map.getString("_id"), map.getString("name"),
                                          map.get("version", Number.class).longValue()));
        }
        result.sort(Comparator.comparing(MapSummaryView::mapId));
        return result;
    }
}

package io.revchain.map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.revchain.system.StoreDurability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
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
 */
@Component
class MapIndex implements DeclaredStepTypes, DeclaredCurrencies {

    static final String MAPS = "map_index";
    static final String STEP_TYPES = "map_step_type_index";
    static final String CURRENCIES = "map_currency_index";
    /** How long a type found declared is taken as declared without asking again. */
    static final Duration DECLARED_FOR = Duration.ofSeconds(5);

    private final MongoCollection<Document> maps;
    private final MongoCollection<Document> stepTypes;
    private final MongoCollection<Document> currencies;
    private final StoreDurability durability;
    // The intake and the journey ask for every custom step, two lookups each: an import of custom types would spend
    // most of its time here. Only "declared" is kept, and any map change on this node forgets everything.
    private final Cache<String, Boolean> declaredRecently = Caffeine.newBuilder()
                                                                    .expireAfterWrite(DECLARED_FOR)
                                                                    .maximumSize(10_000)
                                                                    .build();

    MapIndex(MongoDatabase database, StoreDurability durability) {
        this.maps = database.getCollection(MAPS);
        this.stepTypes = database.getCollection(STEP_TYPES);
        this.currencies = database.getCollection(CURRENCIES);
        this.durability = durability;
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
        durability.commit();
        declaredRecently.invalidateAll();
    }

    void versioned(String mapId, long version) {
        UpdateResult result = maps.updateOne(Filters.eq("_id", mapId), Updates.max("version", version));
        if (result.getModifiedCount() > 0) {
            durability.commit();
        }
    }

    @Override
    public boolean isDeclared(String stepType) {
        if (stepType == null) {
            return false;
        }
        if (declaredRecently.getIfPresent(stepType) != null) {
            return true;
        }
        boolean declared = lookUp(stepType);
        if (declared) {
            declaredRecently.put(stepType, Boolean.TRUE);
        }
        return declared;
    }

    private boolean lookUp(String stepType) {
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
        if (currency == null) {
            return false;
        }
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

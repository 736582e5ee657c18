package io.revchain.analytics.visits;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.revchain.system.StoreDurability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pointer to the active read-model generation, in {@value #COLLECTION}: {@code {_id: "active", generation,
 * collections: {stage_visits: "stage_visits_g3", ...}, activatedAt}}. Readers and the live projection look it up
 * by _id; a rebuild moves it with conditional updates, so a switch is one atomic single-document write.
 * <p>
 * While a rebuild switches ({@code switchingTo} set) the live projection waits instead of writing, so that the new
 * generation has exactly one writer at a time. The live projection looks the pointer up once per batch, after the
 * batch was read from the store: a batch it still writes to the old generation was stored before the switch began,
 * so it is at or below the head the rebuild reads up to after setting {@code switchingTo}, and the rebuild copies
 * it into the new generation. A switch not completed by {@code switchDeadline} (its node died) is abandoned by the
 * next writer and the old generation goes on.
 */
@Component
class Generations {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    static final String COLLECTION = "read_model_generations";
    static final String ACTIVE = "active";
    private static final long POLL_MILLIS = 20;

    record Pointer(Generation active, Generation switchingTo, Instant switchDeadline) {
    }

    private final MongoDatabase database;
    private final MongoCollection<Document> pointers;
    private final StoreDurability durability;
    private final Clock clock = Clock.systemUTC();

    Generations(MongoDatabase database, StoreDurability durability) {
        this.database = database;
        this.pointers = database.getCollection(COLLECTION);
        this.durability = durability;
    }

    Pointer pointer() {
        Document doc = pointers.find(Filters.eq("_id", ACTIVE)).first();
        if (doc == null) {
            createFirst();
            doc = pointers.find(Filters.eq("_id", ACTIVE)).first();
        }
        Number switching = doc.get("switchingTo", Number.class);
        Date deadline = doc.getDate("switchDeadline");
        return new Pointer(new Generation(doc.get("generation", Number.class).longValue()),
                           switching == null ? null : new Generation(switching.longValue()),
                           deadline == null ? null : deadline.toInstant());
    }

    Generation active() {
        return pointer().active();
    }

    /** The generation the live projection writes to now; waits while a rebuild switches to a new one. */
    Generation forWriting() throws InterruptedException {
        boolean waited = false;
        while (true) {
            Pointer pointer = pointer();
            if (pointer.switchingTo() == null) {
                if (waited) {
                    log.info("Read models: writing to {} after the switch", pointer.active());
                }
                return pointer.active();
            }
            if (clock.instant().isAfter(pointer.switchDeadline())) {
                if (abortSwitch(pointer.switchingTo())) {
                    log.warn("Read models: the switch to {} was not completed by {}; it is abandoned and {} stays "
                                     + "active. Run the rebuild again.", pointer.switchingTo(),
                             pointer.switchDeadline(), pointer.active());
                }
                continue;
            }
            waited = true;
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Starts a switch: from now on the live projection waits. False if {@code from} is not active or a switch runs. */
    boolean beginSwitch(Generation from, Generation to, Duration timeout) {
        long modified = pointers.updateOne(
                Filters.and(Filters.eq("_id", ACTIVE), Filters.eq("generation", from.number()),
                            Filters.exists("switchingTo", false)),
                Updates.combine(Updates.set("switchingTo", to.number()),
                                Updates.set("switchDeadline", Date.from(clock.instant().plus(timeout)))))
                                .getModifiedCount();
        durability.commit();
        return modified == 1;
    }

    /** Makes {@code to} active in one write; false if the switch was abandoned meanwhile. */
    boolean completeSwitch(Generation from, Generation to) {
        long modified = pointers.updateOne(
                Filters.and(Filters.eq("_id", ACTIVE), Filters.eq("generation", from.number()),
                            Filters.eq("switchingTo", to.number())),
                Updates.combine(Updates.set("generation", to.number()),
                                Updates.set("collections", to.collectionsDocument()),
                                Updates.set("activatedAt", Date.from(clock.instant())),
                                Updates.unset("switchingTo"), Updates.unset("switchDeadline")))
                                .getModifiedCount();
        durability.commit();
        return modified == 1;
    }

    boolean abortSwitch(Generation to) {
        long modified = pointers.updateOne(
                Filters.and(Filters.eq("_id", ACTIVE), Filters.eq("switchingTo", to.number())),
                Updates.combine(Updates.unset("switchingTo"), Updates.unset("switchDeadline"))).getModifiedCount();
        durability.commit();
        return modified == 1;
    }

    /** Drops every read-model collection that does not belong to {@code keep}; returns the names dropped. */
    List<String> dropAllBut(Generation keep) {
        List<String> dropped = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            OptionalLong generation = Generation.of(name);
            if (generation.isPresent() && generation.getAsLong() != keep.number()) {
                database.getCollection(name).drop();
                dropped.add(name);
            }
        }
        durability.commit();
        return dropped;
    }

    /**
     * Gives {@code to} the secondary indexes BI users created on {@code from} (a real MongoDB uses them; the embedded
     * server ignores them), so that a rebuild does not lose them. Returns how many were created.
     */
    int copyIndexes(Generation from, Generation to) {
        int copied = 0;
        for (String base : Generation.BASES) {
            for (Document index : database.getCollection(from.collection(base)).listIndexes()) {
                Document keys = index.get("key", Document.class);
                if (keys == null || keys.keySet().equals(Set.of("_id"))) {
                    continue;
                }
                IndexOptions options = new IndexOptions().name(index.getString("name"))
                                                         .unique(index.getBoolean("unique", false))
                                                         .sparse(index.getBoolean("sparse", false));
                Document partial = index.get("partialFilterExpression", Document.class);
                if (partial != null) {
                    options.partialFilterExpression(partial);
                }
                database.getCollection(to.collection(base)).createIndex(keys, options);
                copied++;
            }
        }
        return copied;
    }

    private void createFirst() {
        Generation first = new Generation(1);
        try {
            pointers.updateOne(Filters.eq("_id", ACTIVE),
                               Updates.combine(Updates.setOnInsert("generation", first.number()),
                                               Updates.setOnInsert("collections", first.collectionsDocument()),
                                               Updates.setOnInsert("activatedAt", Date.from(clock.instant()))),
                               new UpdateOptions().upsert(true));
            durability.commit();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created it at the same moment.
        }
    }
}

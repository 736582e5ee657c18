package io.revchain.system.eventstore;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.bson.Document;

/**
 * The event documents this node appended most recently, by global sequence number, so that its own trackers read
 * what it just wrote from memory instead of querying the store again. Holds only committed documents; a number that
 * is not here (written by another node, or older than the window) is read from the store as before.
 * <p>
 * A ring indexed by sequence number: a newer number overwrites the slot of one capacity older, so memory
 * stays bounded without any eviction bookkeeping.
 */
final class RecentEvents {

    private final AtomicReferenceArray<Document> slots;

    RecentEvents(int capacity) {
        this.slots = new AtomicReferenceArray<>(Math.max(capacity, 0));
    }

    void add(long sequence, Document document) {
        if (slots.length() > 0) {
            slots.set(slot(sequence), document);
        }
    }

    /** The committed document of this number, or null when this node does not hold it. */
    Document get(long sequence) {
        if (slots.length() == 0) {
            return null;
        }
        Document document = slots.get(slot(sequence));
        return document != null && document.get(MongoEventStorageEngine.ID, Number.class).longValue() == sequence
                ? document : null;
    }

    private int slot(long sequence) {
        return (int) Math.floorMod(sequence, (long) slots.length());
    }
}

package io.revchain.system.eventstore.probe;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.revchain.system.eventstore.probe.ProbeMessages.TallyAdded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Two read models: {@code probe_deliveries} counts how often each event was handled (to prove exactly-once delivery
 * in normal operation); {@code probe_totals} is idempotent per aggregate sequence number (to prove that redelivery
 * after a crash doubles nothing).
 */
@Component
@Profile("probe")
@ProcessingGroup("probe-ledger")
class TallyLedger {

    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> totals;

    TallyLedger(MongoDatabase database) {
        this.deliveries = database.getCollection("probe_deliveries");
        this.totals = database.getCollection("probe_totals");
    }

    @EventHandler
    void on(TallyAdded event, EventMessage<?> message, @SequenceNumber long sequence) {
        deliveries.updateOne(Filters.eq("_id", message.getIdentifier()), Updates.inc("count", 1),
                             new UpdateOptions().upsert(true));
        try {
            totals.updateOne(Filters.and(Filters.eq("_id", event.tallyId()), Filters.lt("lastSequence", sequence)),
                             Updates.combine(Updates.set("lastSequence", sequence),
                                             Updates.inc("total", event.amount()),
                                             Updates.inc("events", 1)),
                             new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Already applied: the document exists with this or a later sequence number.
        }
    }
}

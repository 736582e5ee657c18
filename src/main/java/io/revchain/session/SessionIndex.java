package io.revchain.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.revchain.system.StoreDurability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * One document per mapping session in {@value #SESSIONS}, so that sessions can be listed (and found again by a
 * facilitator who lost an id) without folding every session's events. Every write is idempotent: an update sets what
 * its event says and touches nothing else, and ids go into sets, so the subscribing and the tracking processor may
 * both apply the same event in any interleaving, and a replay from the start rebuilds the same documents.
 */
@Component
class SessionIndex {

    static final String SESSIONS = "session_index";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> sessions;
    private final StoreDurability durability;

    SessionIndex(MongoDatabase database, StoreDurability durability) {
        this.sessions = database.getCollection(SESSIONS);
        this.durability = durability;
    }

    void opened(MappingSessionOpened event, Instant at) {
        update(event.sessionId(), Updates.combine(Updates.set("mapId", event.mapId()),
                                                  Updates.set("title", event.title()),
                                                  Updates.set("facilitator", event.facilitator()),
                                                  Updates.set("openedAt", Date.from(at))));
    }

    void decided(DecisionRecorded event) {
        update(event.sessionId(), Updates.addToSet("decisions", event.decisionId()));
    }

    void assigned(ActionItemAssigned event) {
        update(event.sessionId(), Updates.addToSet("actionItems", event.itemId()));
    }

    void completed(ActionItemCompleted event) {
        update(event.sessionId(), Updates.addToSet("doneActionItems", event.itemId()));
    }

    void closed(MappingSessionClosed event, Instant at) {
        update(event.sessionId(), Updates.set("closedAt", Date.from(at)));
    }

    private void update(String sessionId, Bson update) {
        sessions.updateOne(Filters.eq("_id", sessionId), update, UPSERT);
        durability.commit();
    }

    /**
     * Sessions, newest first; {@code mapId} and {@code open} narrow the list when not null. Equality filters only,
     * sorted here: sessions are few, and every MongoDB (the embedded one too) answers these without an index.
     */
    List<SessionSummaryView> list(String mapId, Boolean open) {
        List<Bson> filters = new ArrayList<>();
        if (mapId != null) {
            filters.add(Filters.eq("mapId", mapId));
        }
        if (open != null) {
            filters.add(open ? Filters.eq("closedAt", null) : Filters.ne("closedAt", null));
        }
        List<SessionSummaryView> result = new ArrayList<>();
        for (Document document : sessions.find(filters.isEmpty() ? new Document() : Filters.and(filters))) {
            if (document.getDate("openedAt") == null) {
                // A later event was indexed before the opening one (two processors racing): not listable yet.
                continue;
            }
            result.add(view(document));
        }
        result.sort(Comparator.comparing(SessionSummaryView::openedAt).reversed()
                              .thenComparing(SessionSummaryView::sessionId));
        return result;
    }

    private static SessionSummaryView view(Document document) {
        Date closedAt = document.getDate("closedAt");
        List<String> items = document.getList("actionItems", String.class, List.of());
        List<String> done = document.getList("doneActionItems", String.class, List.of());
        long open = items.stream().filter(item -> !done.contains(item)).count();
        return new SessionSummaryView(document.getString("_id"), document.getString("mapId"),
                                      document.getString("title"), document.getString("facilitator"),
                                      closedAt == null ? "OPEN" : "CLOSED",
                                      document.getDate("openedAt").toInstant(),
                                      closedAt == null ? null : closedAt.toInstant(),
                                      document.getList("decisions", String.class, List.of()).size(), items.size(),
                                      open);
    }
}

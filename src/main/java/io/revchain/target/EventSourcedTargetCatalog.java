package io.revchain.target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads target plans by folding their events from the event store (one point lookup of the map's stream). */
@Component
class EventSourcedTargetCatalog implements TargetCatalog {

    private final EventStore eventStore;

    EventSourcedTargetCatalog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public List<TargetView> targets(String mapId) {
        return targets(mapId, null);
    }

    @Override
    public List<TargetView> targets(String mapId, Instant knownAt) {
        TargetPlan plan = TargetPlan.initial(mapId);
        DomainEventStream events = eventStore.readEvents(TargetIds.aggregateId(mapId), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (knownAt != null && message.getTimestamp().isAfter(knownAt)) {
                break;
            }
            if (message.getPayload() instanceof TargetEvent event) {
                plan = plan.apply(event, message.getTimestamp());
            }
        }
        return List.copyOf(plan.byQuarter());
    }

    @Override
    public List<TargetVersionView> history(String mapId) {
        List<TargetVersionView> history = new ArrayList<>();
        DomainEventStream events = eventStore.readEvents(TargetIds.aggregateId(mapId), 0);
        long version = 0;
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof TargetEvent event) {
                version++;
                history.add(new TargetVersionView(version, message.getTimestamp(), event.getClass().getSimpleName(),
                                                  event.quarter(), TargetPlan.describe(event)));
            }
        }
        return history;
    }
}

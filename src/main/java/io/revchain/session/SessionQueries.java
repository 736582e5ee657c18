package io.revchain.session;

import io.revchain.chain.Actor;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads a session by folding its events from the event store. Blocking. */
@Component
class SessionQueries {

    private final EventStore eventStore;

    SessionQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    Optional<SessionState> session(String sessionId) {
        if (!SessionIds.valid(sessionId)) {
            return Optional.empty();
        }
        SessionState state = null;
        DomainEventStream events = eventStore.readEvents(SessionIds.aggregateId(sessionId), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof SessionEvent event) {
                state = SessionState.apply(state, event, message.getTimestamp(),
                                           Actor.from(message.getMetaData()).orElse(null));
            }
        }
        return Optional.ofNullable(state);
    }
}

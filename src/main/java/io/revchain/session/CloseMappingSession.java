package io.revchain.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close the session; idempotent. */
public record CloseMappingSession(String sessionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

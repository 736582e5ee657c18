package io.revchain.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark an action item done; allowed after the session closed, idempotent. */
public record CompleteActionItem(String sessionId, String itemId, String by, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

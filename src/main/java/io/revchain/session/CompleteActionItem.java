package io.revchain.session;

import io.revchain.chain.BusinessFunction;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mark an action item done, as {@code by} acting for {@code function} (the caller's own); allowed after the session
 * closed, idempotent. Only the function that owes the item (any, for a JOINT item) may complete it.
 */
public record CompleteActionItem(String sessionId, String itemId, String by, String note, BusinessFunction function) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

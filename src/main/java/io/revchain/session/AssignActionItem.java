package io.revchain.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assign an action item to a participant; {@code function} defaults to the owner's, {@code due} is an ISO date. */
public record AssignActionItem(String sessionId, String itemId, String text, String owner, String function, String due) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

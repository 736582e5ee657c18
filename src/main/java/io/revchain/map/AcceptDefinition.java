package io.revchain.map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Agree, on behalf of a function, to the current wording of a term; {@code text} (optional) must match it. */
public record AcceptDefinition(String mapId, String term, String text, String function, String by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return MapIds.aggregateId(mapId);
    }
}

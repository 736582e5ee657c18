package io.revchain.map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Propose the wording of a term on behalf of a function. */
public record ProposeDefinition(String mapId, String term, String text, String function, String by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return MapIds.aggregateId(mapId);
    }
}

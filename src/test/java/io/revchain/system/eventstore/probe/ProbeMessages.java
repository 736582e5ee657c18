package io.revchain.system.eventstore.probe;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Messages of the probe aggregate; public so that benchmarks can send them. */
public final class ProbeMessages {

    private ProbeMessages() {
    }

    public record AddToTally(@TargetAggregateIdentifier String tallyId, int amount) {
    }

    public record TallyAdded(String tallyId, int amount, int total) {
    }
}

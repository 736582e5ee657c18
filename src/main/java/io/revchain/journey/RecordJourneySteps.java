package io.revchain.journey;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records steps of one journey in the given order, all in one command: a batch touches each aggregate once, and a
 * journey's imported history may start at any step. Answers one {@link io.revchain.chain.StepOutcome} per step.
 */
public record RecordJourneySteps(String journeyId, List<JourneyStep> steps) {

    public RecordJourneySteps {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a command records at least one step");
        }
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Journey.aggregateId(journeyId);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record AdvanceOpportunity(String stepId, Instant occurredAt, String salesStage, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new OpportunityAdvanced(journeyId, salesStage, attributes, occurredAt, stepId);
    }
}

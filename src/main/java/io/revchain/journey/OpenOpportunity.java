package io.revchain.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

public record OpenOpportunity(String stepId, Instant occurredAt, BigDecimal amount, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new OpportunityOpened(journeyId, amount, attributes, occurredAt, stepId);
    }
}

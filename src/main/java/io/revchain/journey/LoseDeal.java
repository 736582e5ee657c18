package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record LoseDeal(String stepId, Instant occurredAt, String reason, String competitor, Map<String,
                       String> attributes) implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new DealLost(journeyId, reason, competitor, attributes, occurredAt, stepId);
    }
}

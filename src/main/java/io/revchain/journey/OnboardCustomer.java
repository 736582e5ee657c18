package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record OnboardCustomer(String stepId, Instant occurredAt, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new CustomerOnboarded(journeyId, attributes, occurredAt, stepId);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record AcceptLead(String stepId, Instant occurredAt, Map<String, String> attributes) implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new LeadAccepted(journeyId, attributes, occurredAt, stepId);
    }
}

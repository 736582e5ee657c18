package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record HandOffLead(String stepId, Instant occurredAt, String to, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new LeadHandedOff(journeyId, to, attributes, occurredAt, stepId);
    }
}

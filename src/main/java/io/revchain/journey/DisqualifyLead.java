package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record DisqualifyLead(String stepId, Instant occurredAt, String reason, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new LeadDisqualified(journeyId, reason, attributes, occurredAt, stepId);
    }
}

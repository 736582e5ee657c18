package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record QualifyLead(String stepId, Instant occurredAt, Double score, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new LeadQualified(journeyId, score, attributes, occurredAt, stepId);
    }
}

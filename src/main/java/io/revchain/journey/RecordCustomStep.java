package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record RecordCustomStep(String stepId, Instant occurredAt, String stepType, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new CustomStepRecorded(journeyId, stepType, attributes, occurredAt, stepId);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record RecordFeedback(String stepId, Instant occurredAt, Double score, String sentiment, String topic,
                             String comment, Map<String, String> attributes) implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new FeedbackRecorded(journeyId, score, sentiment, topic, comment, attributes, occurredAt, stepId);
    }
}

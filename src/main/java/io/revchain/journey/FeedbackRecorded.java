package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Service recorded the customer's feedback; its {@code stepId} identifies the feedback ({@link #feedbackId()}). */
public record FeedbackRecorded(String journeyId,
                               Double score,
                               String sentiment,
                               String topic,
                               String comment,
                               Map<String, String> attributes,
                               Instant occurredAt,
                               String stepId) implements JourneyEvent {

    public FeedbackRecorded {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String feedbackId() {
        return stepId;
    }
}

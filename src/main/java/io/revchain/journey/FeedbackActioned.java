package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Marketing acted on recorded feedback by changing a segment or campaign: the loop back to the start of the chain. */
public record FeedbackActioned(String journeyId,
                               String feedbackId,
                               String segmentId,
                               String campaignId,
                               String action,
                               Map<String, String> attributes,
                               Instant occurredAt,
                               String stepId) implements JourneyEvent {

    public FeedbackActioned {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

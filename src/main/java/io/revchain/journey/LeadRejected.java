package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Sales sent the handed-off lead back to marketing; the journey goes on. */
public record LeadRejected(String journeyId,
                           String reason,
                           Map<String, String> attributes,
                           Instant occurredAt,
                           String stepId) implements JourneyEvent {

    public LeadRejected {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

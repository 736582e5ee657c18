package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Sales accepted the handed-off lead (SAL). */
public record LeadAccepted(String journeyId,
                           Map<String, String> attributes,
                           Instant occurredAt,
                           String stepId) implements JourneyEvent {

    public LeadAccepted {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

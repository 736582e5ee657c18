package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The lead will not be pursued: a terminal outcome. */
public record LeadDisqualified(String journeyId,
                               String reason,
                               Map<String, String> attributes,
                               Instant occurredAt,
                               String stepId) implements JourneyEvent {

    public LeadDisqualified {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

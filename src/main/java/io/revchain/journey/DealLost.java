package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The deal was lost, to {@code competitor} when known: a terminal outcome. */
public record DealLost(String journeyId,
                       String reason,
                       String competitor,
                       Map<String, String> attributes,
                       Instant occurredAt,
                       String stepId) implements JourneyEvent {

    public DealLost {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

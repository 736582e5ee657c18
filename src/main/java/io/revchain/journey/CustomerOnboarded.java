package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The won customer was onboarded. */
public record CustomerOnboarded(String journeyId,
                                Map<String, String> attributes,
                                Instant occurredAt,
                                String stepId) implements JourneyEvent {

    public CustomerOnboarded {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Marketing passed the qualified lead to sales; {@code to} names the team or rep. */
public record LeadHandedOff(String journeyId,
                            String to,
                            Map<String, String> attributes,
                            Instant occurredAt,
                            String stepId) implements JourneyEvent {

    public LeadHandedOff {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A step of a type that a supply chain map declares (such as {@code DemoHeld}). */
public record CustomStepRecorded(String journeyId,
                                 String stepType,
                                 Map<String, String> attributes,
                                 Instant occurredAt,
                                 String stepId) implements JourneyEvent {

    public CustomStepRecorded {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

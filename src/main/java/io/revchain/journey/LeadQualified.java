package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Marketing judged the lead ready for sales (MQL); {@code score} is null when not known. */
public record LeadQualified(String journeyId,
                            Double score,
                            Map<String, String> attributes,
                            Instant occurredAt,
                            String stepId) implements JourneyEvent {

    public LeadQualified {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

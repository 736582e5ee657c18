package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Someone used a campaign asset with this lead, at any point of the journey. */
public record AssetUsed(String journeyId,
                        String assetId,
                        Map<String, String> attributes,
                        Instant occurredAt,
                        String stepId) implements JourneyEvent {

    public AssetUsed {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

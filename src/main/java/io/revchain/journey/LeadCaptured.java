package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A lead entered the chain, from a segment, campaign, channel and source when known (imports often lack them). */
public record LeadCaptured(String journeyId,
                           String segmentId,
                           String campaignId,
                           String channel,
                           String source,
                           Map<String, String> attributes,
                           Instant occurredAt,
                           String stepId) implements JourneyEvent {

    public LeadCaptured {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String dimension(String name) {
        return switch (name) {
            case SEGMENT -> segmentId;
            case CAMPAIGN -> campaignId;
            case CHANNEL -> channel;
            case SOURCE -> source;
            default -> attributes.get(name);
        };
    }
}

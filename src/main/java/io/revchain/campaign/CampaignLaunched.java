package io.revchain.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A campaign started, aimed at a profiled segment. {@code name}, {@code channel}, {@code budget} may be unknown. */
public record CampaignLaunched(String campaignId,
                               String segmentId,
                               String name,
                               String channel,
                               BigDecimal budget,
                               Map<String, String> attributes,
                               Instant occurredAt,
                               String stepId) implements CampaignEvent {

    public CampaignLaunched {
        Objects.requireNonNull(campaignId, "campaignId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

package io.revchain.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

public record CampaignClosed(String campaignId,
                             Map<String, String> attributes,
                             Instant occurredAt,
                             String stepId) implements CampaignEvent {

    public CampaignClosed {
        Objects.requireNonNull(campaignId, "campaignId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

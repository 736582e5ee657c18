package io.revchain.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A campaign published content (whitepaper, webinar, case study...) that sales may later use with a lead. */
public record AssetPublished(String campaignId,
                             String assetId,
                             String kind,
                             Map<String, String> attributes,
                             Instant occurredAt,
                             String stepId) implements CampaignEvent {

    public AssetPublished {
        Objects.requireNonNull(campaignId, "campaignId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

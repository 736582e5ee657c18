package io.revchain.campaign;

import java.time.Instant;
import java.util.Map;

public record PublishAsset(String stepId, Instant occurredAt, String assetId, String kind,
                           Map<String, String> attributes) implements CampaignStep {

    @Override
    public CampaignEvent toEvent(String campaignId) {
        return new AssetPublished(campaignId, assetId, kind, attributes, occurredAt, stepId);
    }
}

package io.revchain.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

public record LaunchCampaign(String stepId, Instant occurredAt, String segmentId, String name, String channel,
                             BigDecimal budget, Map<String, String> attributes) implements CampaignStep {

    @Override
    public CampaignEvent toEvent(String campaignId) {
        return new CampaignLaunched(campaignId, segmentId, name, channel, budget, attributes, occurredAt, stepId);
    }
}

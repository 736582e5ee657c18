package io.revchain.campaign;

import java.time.Instant;
import java.util.Map;

public record CloseCampaign(String stepId, Instant occurredAt, Map<String, String> attributes)
        implements CampaignStep {

    @Override
    public CampaignEvent toEvent(String campaignId) {
        return new CampaignClosed(campaignId, attributes, occurredAt, stepId);
    }
}

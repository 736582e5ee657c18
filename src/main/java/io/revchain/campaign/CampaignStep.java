package io.revchain.campaign;

import java.time.Instant;

/** One step for a campaign inside {@link RecordCampaignSteps}; {@code stepId} makes it idempotent. */
public sealed interface CampaignStep permits LaunchCampaign, PublishAsset, CloseCampaign {

    String stepId();

    Instant occurredAt();

    CampaignEvent toEvent(String campaignId);
}

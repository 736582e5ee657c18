package io.revchain.campaign;

import java.time.Instant;
import java.util.Map;

/** Everything that happens to a campaign; {@code occurredAt} is business time. */
public sealed interface CampaignEvent permits CampaignLaunched, AssetPublished, CampaignClosed {

    String campaignId();

    Map<String, String> attributes();

    Instant occurredAt();

    String stepId();
}

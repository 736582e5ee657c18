package io.revchain.analytics;

import java.util.List;
import java.util.Objects;

/**
 * Every step known for one campaign (CampaignLaunched, AssetPublished, CampaignClosed), in any order and bitemporal
 * like journey steps, so that a cut sees a campaign's budget and assets as they were known.
 */
public record CampaignFacts(String campaignId, List<StepFact> steps) {

    public CampaignFacts {
        Objects.requireNonNull(campaignId, "campaignId");
        steps = List.copyOf(steps);
    }
}

package io.revchain.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign as a cut sees it: the first visible CampaignLaunched gives its segment, name, channel and budget step;
 * every visible AssetPublished an asset (the first publication of an asset id wins); the first visible
 * CampaignClosed its close. Steps are taken in timeline order (occurredAt, then recordSeq).
 */
public record CampaignState(String campaignId, String name, String segmentId, String channel, Instant launchedAt,
                            StepFact launch, Instant closedAt, Map<String, Asset> assets) {

    /** A published asset: its id, kind and publication time. */
    public record Asset(String assetId, String campaignId, String kind, Instant publishedAt) {
    }

    public CampaignState {
        assets = Map.copyOf(assets);
    }

    /** Every campaign with at least one visible step, by id. */
    public static Map<String, CampaignState> under(Collection<CampaignFacts> campaigns, Cut cut) {
        Map<String, CampaignState> result = new TreeMap<>();
        for (CampaignFacts facts : campaigns) {
            CampaignState state = of(facts, cut);
            if (state != null) {
                result.put(state.campaignId(), state);
            }
        }
        return result;
    }

    static CampaignState of(CampaignFacts facts, Cut cut) {
        StepFact[] steps = facts.steps().stream().filter(cut::sees).toArray(StepFact[]::new);
        if (steps.length == 0) {
            return null;
        }
        Arrays.sort(steps, JourneyTimeline.TIMELINE_ORDER);
        StepFact launch = null;
        Instant closed = null;
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (StepFact step : steps) {
            switch (step.type()) {
                case "CampaignLaunched" -> launch = launch == null ? step : launch;
                case "CampaignClosed" -> closed = closed == null ? step.occurredAt() : closed;
                case "AssetPublished" -> {
                    String assetId = step.attribute("assetId");
                    if (assetId != null) {
                        assets.putIfAbsent(assetId, new Asset(assetId, facts.campaignId(), step.attribute("kind"),
                                                              step.occurredAt()));
                    }
                }
                default -> { }
            }
        }
        return new CampaignState(facts.campaignId(), launch == null ? null : launch.attribute("name"),
                                 launch == null ? null : launch.attribute("segmentId"),
                                 launch == null ? null : launch.attribute("channel"),
                                 launch == null ? null : launch.occurredAt(), launch, closed, assets);
    }

    /** Every visible asset of these campaigns. */
    static List<Asset> assetsOf(Collection<CampaignState> campaigns) {
        List<Asset> assets = new ArrayList<>();
        campaigns.forEach(c -> assets.addAll(c.assets().values()));
        return assets;
    }
}

package io.revchain.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether the sales pack marketing makes is used: per asset and per campaign, how many opportunities of the window
 * used it, and the win rate and cycle of those that did against those that did not. An association, not a cause:
 * deals that use an asset may differ in other ways. Definitions: docs/metrics.md, "Sales pack".
 */
public final class SalesPack {

    /** Said with every answer: the comparison shows association, not cause. */
    public static final String CAVEAT = "Association, not cause: opportunities that used an asset may differ from "
            + "those that did not in other ways (size, rep, timing); the win rates compare them, they do not "
            + "measure what the asset did.";

    /** Assets (never used first) and campaigns, for one window. */
    public record Figures(List<AssetUsageView> assets, List<CampaignAssetUsageView> campaigns, long opportunities,
                          long opportunitiesUsingAssets, Double usageRate, String caveat) {
    }

    private SalesPack() {
    }

    /** One opportunity of the cohort: the assets it used, and how it ended. */
    private record Opportunity(Set<String> assets, StepFact outcome, Double cycleDays) {

        boolean closed() {
            return outcome != null;
        }

        boolean won() {
            return outcome != null && outcome.type().equals(Deals.WON);
        }
    }

    public static Figures of(FlowSnapshot snapshot, Collection<CampaignFacts> campaignFacts, FlowQuery query) {
        snapshot = snapshot.onTheMap();
        Map<String, CampaignState> campaigns = CampaignState.under(campaignFacts, snapshot.cut());
        Map<String, CampaignState.Asset> published = new TreeMap<>();
        for (CampaignState.Asset asset : CampaignState.assetsOf(campaigns.values())) {
            published.putIfAbsent(asset.assetId(), asset);
        }
        Map<String, Long> uses = new HashMap<>();
        Map<String, Instant> lastUsed = new HashMap<>();
        List<Opportunity> cohort = new ArrayList<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            Set<String> used = Set.of();
            for (StepFact step : journey.steps()) {
                String assetId = step.attribute("assetId");
                if (!step.type().equals(Deals.ASSET_USED) || assetId == null) {
                    continue;
                }
                if (used.isEmpty()) {
                    used = new HashSet<>(2);
                }
                used.add(assetId);
                uses.merge(assetId, 1L, Long::sum);
                lastUsed.merge(assetId, step.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            StepFact opened = Deals.first(journey, Deals.OPENED);
            if (opened == null || !query.window().contains(opened.occurredAt())) {
                continue;
            }
            StepFact outcome = Deals.outcome(journey);
            if (outcome != null && outcome.type().equals(Deals.DISQUALIFIED)) {
                outcome = null;
            }
            cohort.add(new Opportunity(used, outcome,
                                       outcome != null && outcome.type().equals(Deals.WON)
                                               ? Deals.cycleDays(journey, outcome) : null));
        }
        Map<String, CampaignState.Asset> all = new LinkedHashMap<>(published);
        uses.keySet().stream().sorted().forEach(id -> all.putIfAbsent(id,
                new CampaignState.Asset(id, null, null, null)));
        List<AssetUsageView> assets = new ArrayList<>();
        for (CampaignState.Asset asset : all.values()) {
            Split split = split(cohort, Set.of(asset.assetId()));
            long count = uses.getOrDefault(asset.assetId(), 0L);
            assets.add(new AssetUsageView(asset.assetId(), asset.campaignId(), asset.kind(), asset.publishedAt(),
                    count == 0, count, lastUsed.get(asset.assetId()), cohort.size(), split.users,
                    Deals.rate(split.users, cohort.size()), split.usersClosed, split.usersWinRate(),
                    split.usersCycle.summarize().median(), split.othersClosed, split.othersWinRate(),
                    split.othersCycle.summarize().median()));
        }
        assets.sort(Comparator.comparing((AssetUsageView a) -> !a.neverUsed())
                .thenComparing(a -> a.neverUsed() ? a.publishedAt() : null,
                               Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(a -> a.neverUsed() ? 0 : -a.users())
                .thenComparing(AssetUsageView::assetId));

        Map<String, Set<String>> byCampaign = new TreeMap<>(GroupBy::compareGroups);
        for (CampaignState.Asset asset : all.values()) {
            byCampaign.computeIfAbsent(asset.campaignId() == null ? GroupBy.NONE : asset.campaignId(),
                                       c -> new HashSet<>()).add(asset.assetId());
        }
        List<CampaignAssetUsageView> perCampaign = new ArrayList<>();
        byCampaign.forEach((campaign, ids) -> {
            Split split = split(cohort, ids);
            long neverUsed = ids.stream().filter(id -> uses.getOrDefault(id, 0L) == 0).count();
            perCampaign.add(new CampaignAssetUsageView(campaign, ids.size(), neverUsed, cohort.size(), split.users,
                    Deals.rate(split.users, cohort.size()), split.usersClosed, split.usersWinRate(),
                    split.usersCycle.summarize().median(), split.othersClosed, split.othersWinRate(),
                    split.othersCycle.summarize().median()));
        });
        long usingAny = cohort.stream().filter(o -> !o.assets().isEmpty()).count();
        return new Figures(assets, perCampaign, cohort.size(), usingAny, Deals.rate(usingAny, cohort.size()),
                           CAVEAT);
    }

    /**
     * Only the cohort totals of {@link #of}: opportunities of the window, and how many of them used any asset. The
     * scorecard needs no more, and no campaign facts.
     */
    public static long[] usage(FlowSnapshot snapshot, FlowQuery query) {
        snapshot = snapshot.onTheMap();
        long opportunities = 0;
        long using = 0;
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            StepFact opened = Deals.first(journey, Deals.OPENED);
            if (opened == null || !query.window().contains(opened.occurredAt())) {
                continue;
            }
            opportunities++;
            for (StepFact step : journey.steps()) {
                if (step.type().equals(Deals.ASSET_USED) && step.attribute("assetId") != null) {
                    using++;
                    break;
                }
            }
        }
        return new long[] {opportunities, using};
    }

    /** The cohort split into opportunities that used any of the assets and those that used none of them. */
    private static Split split(List<Opportunity> cohort, Set<String> assets) {
        Split split = new Split();
        for (Opportunity o : cohort) {
            boolean user = false;
            for (String asset : o.assets()) {
                if (assets.contains(asset)) {
                    user = true;
                    break;
                }
            }
            if (user) {
                split.users++;
            }
            if (!o.closed()) {
                continue;
            }
            if (user) {
                split.usersClosed++;
                split.usersWon += o.won() ? 1 : 0;
                if (o.cycleDays() != null) {
                    split.usersCycle.add(o.cycleDays());
                }
            } else {
                split.othersClosed++;
                split.othersWon += o.won() ? 1 : 0;
                if (o.cycleDays() != null) {
                    split.othersCycle.add(o.cycleDays());
                }
            }
        }
        return split;
    }

    private static final class Split {
        long users;
        long usersClosed;
        long usersWon;
        long othersClosed;
        long othersWon;
        final Stats.Doubles usersCycle = new Stats.Doubles();
        final Stats.Doubles othersCycle = new Stats.Doubles();

        Double usersWinRate() {
            return Deals.rate(usersWon, usersClosed);
        }

        Double othersWinRate() {
            return Deals.rate(othersWon, othersClosed);
        }
    }
}

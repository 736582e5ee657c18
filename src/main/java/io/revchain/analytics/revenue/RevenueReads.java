package io.revchain.analytics.revenue;

import io.revchain.analytics.AmountCoverageView;
import io.revchain.analytics.AssetUsageView;
import io.revchain.analytics.CampaignAssetUsageView;
import io.revchain.analytics.CampaignReturnView;
import io.revchain.analytics.ComparedFigureView;
import io.revchain.analytics.FigureComparison;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowQuery;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.QuarterTarget;
import io.revchain.analytics.RevenueMetrics;
import io.revchain.analytics.RevenueView;
import io.revchain.analytics.SalesPack;
import io.revchain.analytics.Scorecard;
import io.revchain.analytics.ScorecardLineView;
import io.revchain.analytics.StageValueView;
import io.revchain.analytics.ValueMetrics;
import io.revchain.analytics.ValueSummaryView;
import io.revchain.analytics.Velocity;
import io.revchain.analytics.VelocityView;
import io.revchain.analytics.Window;
import io.revchain.analytics.flow.FlowParameters;
import io.revchain.analytics.flow.MapFacts;
import io.revchain.target.TargetCatalog;
import io.revchain.target.TargetView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Answers the money reads from the in-memory facts with the pure analytics functions, so that live figures, past
 * windows, asOf/knownAt cuts and comparisons share one implementation of each figure (docs/metrics.md).
 */
@Component
class RevenueReads {

    private final MapFacts facts;
    private final TargetCatalog targets;

    RevenueReads(MapFacts facts, TargetCatalog targets) {
        this.facts = facts;
        this.targets = targets;
    }

    /** The map version a document was computed under, and the currency of its amounts. */
    record MapRef(String mapId, long version, String currency) {

        static MapRef of(FlowMap map) {
            return new MapRef(map.mapId(), map.version(), map.currency());
        }
    }

    record ValueDocument(MapRef map, Window window, Window lookback, AmountCoverageView coverage,
                         List<ValueSummaryView> summary, List<StageValueView> stages) {
    }

    record RevenueDocument(MapRef map, Window window, AmountCoverageView coverage, List<RevenueView> origins,
                           List<CampaignReturnView> campaigns) {
    }

    record VelocityDocument(MapRef map, Window window, AmountCoverageView coverage, List<VelocityView> periods) {
    }

    record AssetsDocument(MapRef map, Window window, String caveat, long opportunities,
                          long opportunitiesUsingAssets, Double usageRate, List<AssetUsageView> assets,
                          List<CampaignAssetUsageView> campaigns) {
    }

    record ScorecardDocument(MapRef map, Window window, Window previous, List<String> targetQuarters,
                             List<String> previousTargetQuarters, AmountCoverageView coverage,
                             List<ScorecardLineView> lines) {
    }

    /**
     * Two windows side by side: every number of every row in a and in b, and the change b − a; each window's map
     * version (the same one unless definitions=inForce).
     */
    record ComparisonDocument(MapRef mapA, MapRef mapB, Window a, Window b, List<ComparedFigureView> figures) {
    }

    ValueDocument value(String mapId, FlowParameters p, Duration lookback) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        ValueMetrics.Figures f = ValueMetrics.of(snapshot, query(p), lookback);
        return new ValueDocument(MapRef.of(snapshot.map()), p.window(), f.lookback(), f.coverage(), f.summary(),
                                 f.stages());
    }

    ComparisonDocument compareValue(String mapId, FlowParameters p, Window a, Window b, Duration lookback) {
        return compare(mapId, p, a, b, (x, y) -> {
            List<ComparedFigureView> lines = new ArrayList<>();
            ValueDocument va = value(mapId, x, lookback);
            ValueDocument vb = value(mapId, y, lookback);
            lines.addAll(FigureComparison.compare("summary", va.summary(), vb.summary(), ValueSummaryView::group,
                                                  s -> null));
            lines.addAll(FigureComparison.compare("stages", va.stages(), vb.stages(), StageValueView::group,
                                                  StageValueView::stageId));
            return lines;
        });
    }

    RevenueDocument revenue(String mapId, FlowParameters p) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        RevenueMetrics.Figures f = RevenueMetrics.of(snapshot, facts.campaigns(), query(p));
        return new RevenueDocument(MapRef.of(snapshot.map()), p.window(), f.coverage(), f.origins(), f.campaigns());
    }

    ComparisonDocument compareRevenue(String mapId, FlowParameters p, Window a, Window b) {
        return compare(mapId, p, a, b, (x, y) -> {
            RevenueDocument ra = revenue(mapId, x);
            RevenueDocument rb = revenue(mapId, y);
            List<ComparedFigureView> lines = new ArrayList<>(FigureComparison.compare(
                    "origins", ra.origins(), rb.origins(), RevenueView::group, r -> null));
            lines.addAll(FigureComparison.compare("campaigns", ra.campaigns(), rb.campaigns(), c -> null,
                                                  CampaignReturnView::campaignId));
            return lines;
        });
    }

    VelocityDocument velocity(String mapId, FlowParameters p) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        Velocity.Figures f = Velocity.byQuarter(snapshot, query(p));
        return new VelocityDocument(MapRef.of(snapshot.map()), p.window(), f.coverage(), f.periods());
    }

    /** Each window is one period here, so that two quarters (or any two windows) line up row by row. */
    ComparisonDocument compareVelocity(String mapId, FlowParameters p, Window a, Window b) {
        return compare(mapId, p, a, b, (x, y) -> {
            List<VelocityView> va = Velocity.of(facts.snapshot(mapId, x), query(x), List.of(a)).periods();
            List<VelocityView> vb = Velocity.of(facts.snapshot(mapId, y), query(y), List.of(b)).periods();
            return FigureComparison.compare("periods", va, vb, VelocityView::group, v -> null);
        });
    }

    AssetsDocument assets(String mapId, FlowParameters p) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        SalesPack.Figures f = SalesPack.of(snapshot, facts.campaigns(), query(p));
        return new AssetsDocument(MapRef.of(snapshot.map()), p.window(), f.caveat(), f.opportunities(),
                                  f.opportunitiesUsingAssets(), f.usageRate(), f.assets(), f.campaigns());
    }

    ComparisonDocument compareAssets(String mapId, FlowParameters p, Window a, Window b) {
        return compare(mapId, p, a, b, (x, y) -> {
            AssetsDocument da = assets(mapId, x);
            AssetsDocument db = assets(mapId, y);
            List<ComparedFigureView> lines = new ArrayList<>(FigureComparison.compare(
                    "assets", da.assets(), db.assets(), r -> null, AssetUsageView::assetId));
            lines.addAll(FigureComparison.compare("campaigns", da.campaigns(), db.campaigns(), r -> null,
                                                  CampaignAssetUsageView::campaignId));
            return lines;
        });
    }

    ScorecardDocument scorecard(String mapId, FlowParameters p, Duration lookback) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        Scorecard.Figures f = Scorecard.of(snapshot, query(p), lookback, agreedTargets(mapId, p));
        return new ScorecardDocument(MapRef.of(snapshot.map()), f.window(), f.previous(), f.targetQuarters(),
                                     f.previousTargetQuarters(), f.coverage(), f.lines());
    }

    /** One line per scorecard figure: its value in a, in b, and the change. */
    ComparisonDocument compareScorecard(String mapId, FlowParameters p, Window a, Window b, Duration lookback) {
        record Score(String section, String figure, BigDecimal value) {
        }
        Function<ScorecardDocument, List<Score>> scores = d -> d.lines().stream()
                .map(l -> new Score(l.section(), l.subject() == null ? l.figure() : l.figure() + "/" + l.subject(),
                                    l.current())).toList();
        return compare(mapId, p, a, b, (x, y) -> FigureComparison.compare(
                "scorecard", scores.apply(scorecard(mapId, x, lookback)), scores.apply(scorecard(mapId, y, lookback)),
                Score::section, Score::figure));
    }

    /** The agreed targets as recorded at the read's knownAt (or now): proposed figures do not count yet. */
    private List<QuarterTarget> agreedTargets(String mapId, FlowParameters p) {
        List<QuarterTarget> agreed = new ArrayList<>();
        for (TargetView target : targets.targets(mapId, p.cut().knownAt())) {
            if (target.agreedRevenue() != null) {
                agreed.add(new QuarterTarget(target.quarter(), target.agreedRevenue(), target.agreedCurrency(),
                                             target.agreedMqls(), target.agreedSals()));
            }
        }
        return agreed;
    }

    private interface Pair {
        List<ComparedFigureView> lines(FlowParameters a, FlowParameters b);
    }

    private ComparisonDocument compare(String mapId, FlowParameters p, Window a, Window b, Pair pair) {
        FlowParameters pa = p.withWindow(a);
        FlowParameters pb = p.withWindow(b);
        return new ComparisonDocument(MapRef.of(facts.map(mapId, pa)), MapRef.of(facts.map(mapId, pb)), a, b,
                                      pair.lines(pa, pb));
    }

    private static FlowQuery query(FlowParameters p) {
        return new FlowQuery(p.window(), p.filter(), p.groupBy());
    }
}

package io.revchain.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Value per stage: the open pipeline at the window's end, value entered and value that left, won revenue and lost
 * value of the deals that passed through each stage, average deal size, and the weighted pipeline (open value times
 * the stage's historical win rate over a lookback). Definitions: docs/metrics.md, "Value per stage".
 */
public final class ValueMetrics {

    /** The default lookback of the historical win rates behind the weighted pipeline. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(365);

    /** The stage rows, the totals per group, and how complete the amounts were. */
    public record Figures(List<StageValueView> stages, List<ValueSummaryView> summary, AmountCoverageView coverage,
                          Window lookback) {
    }

    private ValueMetrics() {
    }

    public static Figures of(FlowSnapshot snapshot, FlowQuery query, Duration lookback) {
        return of(snapshot, query, lookback, new Valuation(snapshot.map().currency()));
    }

    static Figures of(FlowSnapshot snapshot, FlowQuery query, Duration lookback, Valuation valuation) {
        snapshot = snapshot.onTheMap();
        if (lookback == null || lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be a positive duration");
        }
        StageIndex index = new StageIndex(snapshot.map());
        int n = index.size();
        Window window = query.window();
        Instant until = window.measuredUntil(snapshot.cut().asOf());
        Window history = new Window(until.minus(lookback), until);
        Map<String, Acc> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        if (query.groupBy() == null) {
            groups.put(null, new Acc(n));
        }
        boolean[] seen = new boolean[n];
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            Acc acc = groups.computeIfAbsent(query.groupOf(journey), g -> new Acc(n));
            StepFact outcome = Deals.outcome(journey);
            boolean closedAtEnd = outcome != null
                    && (window.to() == null || outcome.occurredAt().isBefore(window.to()));
            for (StageVisit visit : journey.visits()) {
                int k = index.of(visit.stageId());
                if (visit.arrivedIn(window)) {
                    acc.entered[k]++;
                    acc.valueEntered[k] = add(acc.valueEntered[k], valuation.at(journey, visit.entered()));
                    acc.active = true;
                }
                if (visit.departedIn(window)) {
                    acc.left[k]++;
                    acc.valueLeft[k] = add(acc.valueLeft[k], valuation.at(journey, visit.exited()));
                    acc.active = true;
                }
                if (!closedAtEnd && visit.presentAt(window.to())) {
                    Valuation.Value value = valuation.before(journey, window.to());
                    acc.open[k]++;
                    acc.openValue[k] = add(acc.openValue[k], value);
                    acc.openWithoutAmount[k] += value.kind() == Valuation.Kind.NONE ? 1 : 0;
                    acc.active = true;
                }
            }
            if (outcome == null) {
                continue;
            }
            boolean won = outcome.type().equals(Deals.WON);
            boolean deal = won || outcome.type().equals(Deals.LOST);
            boolean closedInWindow = deal && window.contains(outcome.occurredAt());
            Valuation.Value value = closedInWindow ? valuation.at(journey, outcome.occurredAt()) : null;
            if (closedInWindow) {
                acc.active = true;
                if (won) {
                    acc.wonDeals++;
                    acc.wonRevenue = acc.wonRevenue.add(amount(value));
                    acc.wonValued += value.counts() ? 1 : 0;
                    acc.wonWithoutAmount += value.kind() == Valuation.Kind.NONE ? 1 : 0;
                } else {
                    acc.lostDeals++;
                    acc.lostValue = acc.lostValue.add(amount(value));
                }
            }
            boolean inHistory = history.contains(outcome.occurredAt());
            Arrays.fill(seen, false);
            for (StageEntry entry : journey.entries()) {
                if (entry.at().isAfter(outcome.occurredAt())) {
                    break;
                }
                int k = index.of(entry.stageId());
                if (seen[k]) {
                    continue;
                }
                seen[k] = true;
                if (closedInWindow && won) {
                    acc.wonDealsBy[k]++;
                    acc.wonRevenueBy[k] = acc.wonRevenueBy[k].add(amount(value));
                    acc.wonValuedBy[k] += value.counts() ? 1 : 0;
                } else if (closedInWindow) {
                    acc.lostDealsBy[k]++;
                    acc.lostValueBy[k] = acc.lostValueBy[k].add(amount(value));
                }
                if (inHistory) {
                    acc.closedHistory[k]++;
                    acc.wonHistory[k] += won ? 1 : 0;
                }
            }
        }
        List<StageValueView> stages = new ArrayList<>();
        List<ValueSummaryView> summary = new ArrayList<>();
        groups.forEach((group, acc) -> {
            if (group == null || acc.active) {
                acc.emit(group, index, valuation, stages, summary);
            }
        });
        return new Figures(stages, summary, valuation.coverage(), history);
    }

    private static BigDecimal add(BigDecimal sum, Valuation.Value value) {
        return value.counts() ? sum.add(value.amount()) : sum;
    }

    private static BigDecimal amount(Valuation.Value value) {
        return value.counts() ? value.amount() : BigDecimal.ZERO;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] values = new BigDecimal[n];
        Arrays.fill(values, BigDecimal.ZERO);
        return values;
    }

    private static final class Acc {
        final long[] entered;
        final BigDecimal[] valueEntered;
        final long[] left;
        final BigDecimal[] valueLeft;
        final long[] open;
        final BigDecimal[] openValue;
        final long[] openWithoutAmount;
        final long[] closedHistory;
        final long[] wonHistory;
        final long[] wonDealsBy;
        final BigDecimal[] wonRevenueBy;
        final long[] wonValuedBy;
        final long[] lostDealsBy;
        final BigDecimal[] lostValueBy;
        long wonDeals;
        long wonValued;
        long wonWithoutAmount;
        BigDecimal wonRevenue = BigDecimal.ZERO;
        long lostDeals;
        BigDecimal lostValue = BigDecimal.ZERO;
        boolean active;

        Acc(int n) {
            entered = new long[n];
            valueEntered = zeros(n);
            left = new long[n];
            valueLeft = zeros(n);
            open = new long[n];
            openValue = zeros(n);
            openWithoutAmount = new long[n];
            closedHistory = new long[n];
            wonHistory = new long[n];
            wonDealsBy = new long[n];
            wonRevenueBy = zeros(n);
            wonValuedBy = new long[n];
            lostDealsBy = new long[n];
            lostValueBy = zeros(n);
        }

        void emit(String group, StageIndex index, Valuation valuation, List<StageValueView> stages,
                  List<ValueSummaryView> summary) {
            long openTotal = 0;
            long openWithout = 0;
            BigDecimal pipeline = BigDecimal.ZERO;
            BigDecimal weighted = BigDecimal.ZERO;
            BigDecimal withoutRate = BigDecimal.ZERO;
            for (int k = 0; k < index.size(); k++) {
                FlowStage stage = index.stage(k);
                Double winRate = Deals.rate(wonHistory[k], closedHistory[k]);
                BigDecimal weightedValue = valuation.times(openValue[k], winRate);
                stages.add(new StageValueView(group, stage.stageId(), stage.name(), stage.owner(),
                        entered[k], valueEntered[k], left[k], valueLeft[k],
                        open[k], openValue[k], openWithoutAmount[k],
                        winRate, closedHistory[k], weightedValue,
                        wonDealsBy[k], wonRevenueBy[k], lostDealsBy[k], lostValueBy[k],
                        valuation.divide(wonRevenueBy[k], wonValuedBy[k])));
                openTotal += open[k];
                openWithout += openWithoutAmount[k];
                pipeline = pipeline.add(openValue[k]);
                if (weightedValue != null) {
                    weighted = weighted.add(weightedValue);
                } else {
                    withoutRate = withoutRate.add(openValue[k]);
                }
            }
            summary.add(new ValueSummaryView(group, openTotal, pipeline, openWithout, weighted, withoutRate,
                                             wonDeals, wonRevenue, wonWithoutAmount,
                                             valuation.divide(wonRevenue, wonValued), lostDeals, lostValue));
        }
    }
}

package io.revchain.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Revenue by origin (won revenue, deals, average deal, win rate and median cycle per group) and campaign return
 * (won revenue against budget, cost per lead, MQL, SAL and won deal, first- and last-touch). Definitions:
 * docs/metrics.md, "Revenue by origin" and "Campaign return".
 */
public final class RevenueMetrics {

    /** Rows by origin and per campaign, and how complete the amounts and budgets were. */
    public record Figures(List<RevenueView> origins, List<CampaignReturnView> campaigns,
                          AmountCoverageView coverage) {
    }

    private RevenueMetrics() {
    }

    public static Figures of(FlowSnapshot snapshot, Collection<CampaignFacts> campaignFacts, FlowQuery query) {
        snapshot = snapshot.onTheMap();
        Valuation valuation = new Valuation(snapshot.map().currency());
        List<RevenueView> origins = origins(snapshot, query, valuation);
        List<CampaignReturnView> campaigns = campaigns(snapshot, campaignFacts, query, valuation);
        return new Figures(origins, campaigns, valuation.coverage());
    }

    /** Deals closed in the window on the filtered journeys, one row per group (one row when ungrouped). */
    static List<RevenueView> origins(FlowSnapshot snapshot, FlowQuery query, Valuation valuation) {
        Map<String, Origin> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        if (query.groupBy() == null) {
            groups.put(null, new Origin());
        }
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            StepFact outcome = Deals.outcome(journey);
            if (outcome == null || !query.window().contains(outcome.occurredAt())) {
                continue;
            }
            boolean won = outcome.type().equals(Deals.WON);
            if (!won && !outcome.type().equals(Deals.LOST)) {
                continue;
            }
            Origin origin = groups.computeIfAbsent(query.groupOf(journey), g -> new Origin());
            if (won) {
                origin.won(valuation.at(journey, outcome.occurredAt()), Deals.cycleDays(journey, outcome));
            } else {
                origin.lost++;
            }
        }
        List<RevenueView> rows = new ArrayList<>();
        groups.forEach((group, o) -> rows.add(new RevenueView(group, o.won, o.revenue, o.withoutAmount,
                valuation.divide(o.revenue, o.valued), o.lost, Deals.rate(o.won, o.won + o.lost),
                o.cycleDays.summarize().median())));
        return rows;
    }

    /**
     * Campaigns that started in the window (launched, or first touched by a journey when their launch is not
     * recorded), with their journeys' counts and revenue up to the cut: a cohort, like cohort conversion.
     */
    static List<CampaignReturnView> campaigns(FlowSnapshot snapshot, Collection<CampaignFacts> facts,
                                              FlowQuery query, Valuation valuation) {
        Map<String, CampaignState> known = CampaignState.under(facts, snapshot.cut());
        Map<String, Campaign> campaigns = new TreeMap<>();
        Map<String, Instant> firstTouch = new HashMap<>();
        List<JourneyFlow> attributed = new ArrayList<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            String campaign = journey.dimensions().campaign();
            if (campaign == null || !query.filter().accepts(journey)) {
                continue;
            }
            attributed.add(journey);
            firstTouch.merge(campaign, journey.steps().get(0).occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        for (Map.Entry<String, CampaignState> entry : known.entrySet()) {
            Instant start = entry.getValue().launchedAt() != null
                    ? entry.getValue().launchedAt() : firstTouch.get(entry.getKey());
            if (start != null && query.window().contains(start)) {
                campaigns.put(entry.getKey(), new Campaign(entry.getValue(), start));
            }
        }
        firstTouch.forEach((campaign, start) -> {
            if (!known.containsKey(campaign) && query.window().contains(start)) {
                campaigns.put(campaign, new Campaign(null, start));
            }
        });
        for (JourneyFlow journey : campaigns.isEmpty() ? List.<JourneyFlow>of() : attributed) {
            Campaign first = campaigns.get(journey.dimensions().campaign());
            StepFact won = Deals.first(journey, Deals.WON);
            Valuation.Value value = won == null ? null : valuation.at(journey, won.occurredAt());
            if (first != null) {
                first.leads++;
                first.mqls += Deals.first(journey, Deals.QUALIFIED) != null ? 1 : 0;
                first.sals += Deals.first(journey, Deals.ACCEPTED) != null ? 1 : 0;
                if (won != null) {
                    first.won++;
                    first.revenue = first.revenue.add(value.counts() ? value.amount() : BigDecimal.ZERO);
                }
            }
            if (won != null) {
                // A journey may name its campaign only after the win: then no step at or before it is a last touch.
                String lastTouch = lastTouch(journey, won.occurredAt());
                Campaign last = lastTouch == null ? null : campaigns.get(lastTouch);
                if (last != null) {
                    last.lastTouchWon++;
                    last.lastTouchRevenue = last.lastTouchRevenue.add(value.counts() ? value.amount()
                                                                                     : BigDecimal.ZERO);
                }
            }
        }
        List<CampaignReturnView> rows = new ArrayList<>();
        campaigns.forEach((id, c) -> {
            BigDecimal budget = c.state == null ? valuation.budget(id, null).amount()
                    : valuation.budget(id, c.state.launch()).amount();
            rows.add(new CampaignReturnView(id, c.state == null ? null : c.state.name(),
                    c.state == null ? null : c.state.segmentId(), c.state == null ? null : c.state.channel(),
                    c.start, budget, c.leads, c.mqls, c.sals, c.won, c.revenue,
                    budget == null || budget.signum() == 0 ? null
                            : c.revenue.divide(budget, 10, RoundingMode.HALF_EVEN).doubleValue(),
                    cost(valuation, budget, c.leads), cost(valuation, budget, c.mqls),
                    cost(valuation, budget, c.sals), cost(valuation, budget, c.won),
                    c.lastTouchWon, c.lastTouchRevenue));
        });
        return rows;
    }

    private static BigDecimal cost(Valuation valuation, BigDecimal budget, long count) {
        return budget == null ? null : valuation.divide(budget, count);
    }

    /** The campaign of the latest visible step at or before {@code t} that names one. */
    static String lastTouch(JourneyFlow journey, Instant t) {
        String campaign = null;
        for (StepFact step : journey.steps()) {
            if (step.occurredAt().isAfter(t)) {
                break;
            }
            String named = step.attribute("campaignId");
            campaign = named != null ? named : campaign;
        }
        return campaign;
    }

    private static final class Origin {
        long won;
        long valued;
        long withoutAmount;
        long lost;
        BigDecimal revenue = BigDecimal.ZERO;
        final Stats.Doubles cycleDays = new Stats.Doubles();

        void won(Valuation.Value value, Double cycle) {
            won++;
            if (value.counts()) {
                valued++;
                revenue = revenue.add(value.amount());
            } else if (value.kind() == Valuation.Kind.NONE) {
                withoutAmount++;
            }
            if (cycle != null) {
                cycleDays.add(cycle);
            }
        }
    }

    private static final class Campaign {
        final CampaignState state;
        final Instant start;
        long leads;
        long mqls;
        long sals;
        long won;
        BigDecimal revenue = BigDecimal.ZERO;
        long lastTouchWon;
        BigDecimal lastTouchRevenue = BigDecimal.ZERO;

        Campaign(CampaignState state, Instant start) {
            this.state = state;
            this.start = start;
        }
    }
}

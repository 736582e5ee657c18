package io.revchain.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The joint scorecard: one document per map and window that marketing and sales share, each figure next to the
 * previous period's. No figure is split into a marketing and a sales share: credit is shared. Definitions:
 * docs/metrics.md, "Joint scorecard".
 */
public final class Scorecard {

    /** The windows compared, the targets that applied, the lines, and how complete the amounts were. */
    public record Figures(Window window, Window previous, List<String> targetQuarters,
                          List<String> previousTargetQuarters, List<ScorecardLineView> lines,
                          AmountCoverageView coverage) {
    }

    private Scorecard() {
    }

    /**
     * The period before a window: the previous calendar quarter (UTC) for a quarter, else the window of the same
     * length ending where this one starts.
     */
    public static Window previous(Window window) {
        if (window.from() == null || window.to() == null) {
            throw new IllegalArgumentException("a scorecard needs a bounded window (from and to, or a quarter)");
        }
        String quarter = quarterOf(window);
        if (quarter != null) {
            LocalDate start = LocalDate.ofInstant(window.from(), ZoneOffset.UTC).minusMonths(3);
            return Window.quarter(start.getYear(), (start.getMonthValue() - 1) / 3 + 1, ZoneOffset.UTC);
        }
        Duration length = Duration.between(window.from(), window.to());
        return new Window(window.from().minus(length), window.from());
    }

    public static Figures of(FlowSnapshot snapshot, FlowQuery query, Duration lookback,
                             List<QuarterTarget> targets) {
        if (query.groupBy() != null) {
            throw new IllegalArgumentException("a scorecard is one document for the whole map; filter instead");
        }
        snapshot = snapshot.onTheMap();
        Window current = query.window();
        Window previous = previous(current);
        Valuation valuation = new Valuation(snapshot.map().currency());
        Map<String, BigDecimal> now = card(snapshot, query, lookback, targets, valuation);
        Map<String, BigDecimal> before = card(snapshot, query.withWindow(previous), lookback, targets, valuation);
        List<ScorecardLineView> lines = new ArrayList<>();
        Map<String, Boolean> keys = new LinkedHashMap<>();
        now.keySet().forEach(k -> keys.put(k, true));
        before.keySet().forEach(k -> keys.putIfAbsent(k, true));
        for (String key : keys.keySet()) {
            String[] parts = key.split("\u001f", -1);
            BigDecimal a = now.get(key);
            BigDecimal b = before.get(key);
            if (parts[1].equals("rejections")) {
                // A reason nobody gave in one period was given 0 times there.
                a = a == null ? BigDecimal.ZERO : a;
                b = b == null ? BigDecimal.ZERO : b;
            }
            lines.add(new ScorecardLineView(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2], a, b,
                                            a == null || b == null ? null : a.subtract(b)));
        }
        return new Figures(current, previous, coveredQuarters(current), coveredQuarters(previous), lines,
                           valuation.coverage());
    }

    private static Map<String, BigDecimal> card(FlowSnapshot snapshot, FlowQuery query, Duration lookback,
                                                List<QuarterTarget> targets, Valuation valuation) {
        Card card = new Card();
        Window window = query.window();
        ValueMetrics.Figures value = ValueMetrics.of(snapshot, query, lookback, valuation);
        ValueSummaryView money = value.summary().get(0);
        String currency = snapshot.map().currency();
        BigDecimal revenueTarget = target(window, targets, t -> sameCurrency(t.currency(), currency)
                ? t.revenue() : null);
        BigDecimal mqlTarget = target(window, targets, t -> t.mqls() == null ? null : BigDecimal.valueOf(t.mqls()));
        BigDecimal salTarget = target(window, targets, t -> t.sals() == null ? null : BigDecimal.valueOf(t.sals()));

        card.put("revenue", "wonRevenue", money.wonRevenue());
        card.put("revenue", "wonDeals", money.wonDeals());
        card.put("revenue", "averageDealSize", money.averageDealSize());
        card.put("revenue", "revenueTarget", revenueTarget);
        card.put("revenue", "targetAttainment", ratio(money.wonRevenue(), revenueTarget));
        card.put("pipeline", "pipelineValue", money.pipelineValue());
        card.put("pipeline", "weightedPipeline", money.weightedPipeline());
        card.put("pipeline", "openJourneys", money.open());

        long mqls = 0;
        long sals = 0;
        long accepted = 0;
        long rejected = 0;
        long cohort = 0;
        long reachedWon = 0;
        long won = 0;
        long lost = 0;
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            mqls += Deals.anyIn(journey, Deals.QUALIFIED, window) ? 1 : 0;
            sals += Deals.anyIn(journey, Deals.ACCEPTED, window) ? 1 : 0;
            for (StepFact step : journey.steps()) {
                if (window.contains(step.occurredAt())) {
                    accepted += step.type().equals(Deals.ACCEPTED) ? 1 : 0;
                    rejected += step.type().equals(Deals.REJECTED) ? 1 : 0;
                }
            }
            if (!journey.entries().isEmpty() && window.contains(journey.entries().get(0).at())) {
                cohort++;
                reachedWon += Deals.first(journey, Deals.WON) != null ? 1 : 0;
            }
            StepFact outcome = Deals.outcome(journey);
            if (outcome != null && window.contains(outcome.occurredAt())) {
                won += outcome.type().equals(Deals.WON) ? 1 : 0;
                lost += outcome.type().equals(Deals.LOST) ? 1 : 0;
            }
        }
        card.put("leads", "mqls", mqls);
        card.put("leads", "mqlTarget", mqlTarget);
        card.put("leads", "sals", sals);
        card.put("leads", "salTarget", salTarget);
        card.put("leadQuality", "salAcceptanceRate", rate(accepted, accepted + rejected));
        card.put("leadQuality", "leadsAccepted", accepted);
        card.put("leadQuality", "leadsRejected", rejected);
        Map<String, Long> reasons = new TreeMap<>(GroupBy::compareGroups);
        for (LeadRejectionView row : FeedbackLoop.rejections(snapshot, query)) {
            reasons.merge(row.reason(), row.count(), Long::sum);
        }
        reasons.forEach((reason, count) -> card.put("leadQuality", "rejections", reason, BigDecimal.valueOf(count)));
        for (HandoffSlaView handoff : HandoffSla.adherence(snapshot, query)) {
            String subject = handoff.fromStage() + "->" + handoff.toStage();
            card.put("handoffs", "senderSlaAdherence", subject, decimal(handoff.senderAdherence()));
            card.put("handoffs", "receiverSlaAdherence", subject, decimal(handoff.receiverAdherence()));
        }
        card.put("conversion", "winRate", rate(won, won + lost));
        card.put("conversion", "leadToWonRate", rate(reachedWon, cohort));
        FeedbackLoopView feedback = FeedbackLoop.feedback(snapshot, query).get(0);
        card.put("loop", "feedbackRecorded", feedback.recorded());
        card.put("loop", "feedbackActioned", feedback.actioned());
        card.put("loop", "feedbackActionedRate", decimal(feedback.actionedRate()));
        long[] pack = SalesPack.usage(snapshot, query);
        card.put("salesPack", "opportunities", pack[0]);
        card.put("salesPack", "opportunitiesUsingAssets", pack[1]);
        card.put("salesPack", "usageRate", rate(pack[1], pack[0]));
        return card.values;
    }

    private static BigDecimal target(Window window, List<QuarterTarget> targets,
                                     Function<QuarterTarget, BigDecimal> figure) {
        List<String> quarters = coveredQuarters(window);
        if (quarters.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (String quarter : quarters) {
            QuarterTarget target = targets.stream().filter(t -> t.quarter().equals(quarter)).findFirst()
                                          .orElse(null);
            BigDecimal value = target == null ? null : figure.apply(target);
            if (value == null) {
                return null;
            }
            sum = sum.add(value);
        }
        return sum;
    }

    private static boolean sameCurrency(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b == null ? "" : b);
    }

    /** The calendar quarters (UTC) lying entirely inside the window, as "2025-Q3". */
    public static List<String> coveredQuarters(Window window) {
        List<String> quarters = new ArrayList<>();
        if (window.from() == null || window.to() == null) {
            return quarters;
        }
        LocalDate start = LocalDate.ofInstant(window.from(), ZoneOffset.UTC);
        Window quarter = Window.quarter(start.getYear(), (start.getMonthValue() - 1) / 3 + 1, ZoneOffset.UTC);
        while (quarter.from().isBefore(window.to()) && quarters.size() <= Velocity.MAX_PERIODS) {
            if (!quarter.from().isBefore(window.from()) && !quarter.to().isAfter(window.to())) {
                quarters.add(quarterOf(quarter));
            }
            LocalDate next = LocalDate.ofInstant(quarter.to(), ZoneOffset.UTC);
            quarter = Window.quarter(next.getYear(), (next.getMonthValue() - 1) / 3 + 1, ZoneOffset.UTC);
        }
        return quarters;
    }

    /** "2025-Q3" when the window is exactly that calendar quarter in UTC, else null. */
    static String quarterOf(Window window) {
        if (window.from() == null || window.to() == null) {
            return null;
        }
        LocalDate start = LocalDate.ofInstant(window.from(), ZoneOffset.UTC);
        int q = (start.getMonthValue() - 1) / 3 + 1;
        return Window.quarter(start.getYear(), q, ZoneOffset.UTC).equals(window) ? start.getYear() + "-Q" + q : null;
    }

    private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole == null || whole.signum() == 0 ? null : part.divide(whole, 10, RoundingMode.HALF_EVEN)
                                                               .stripTrailingZeros();
    }

    private static BigDecimal rate(long part, long whole) {
        return decimal(Deals.rate(part, whole));
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    /** Lines keyed by section, figure and subject, in the order they were put. */
    private static final class Card {
        final Map<String, BigDecimal> values = new LinkedHashMap<>();

        void put(String section, String figure, BigDecimal value) {
            put(section, figure, null, value);
        }

        void put(String section, String figure, long value) {
            put(section, figure, null, BigDecimal.valueOf(value));
        }

        void put(String section, String figure, String subject, BigDecimal value) {
            values.put(section + "\u001f" + figure + "\u001f" + (subject == null ? "" : subject), value);
        }
    }
}

package io.revchain.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sales velocity per period: opportunities × win rate × average deal ÷ median cycle length, the revenue per day the
 * pipeline of that period makes. Definitions: docs/metrics.md, "Sales velocity".
 */
public final class Velocity {

    /** More periods than this are refused: 100 years of quarters. */
    public static final int MAX_PERIODS = 400;

    /** The rows, and how complete the amounts were. */
    public record Figures(List<VelocityView> periods, AmountCoverageView coverage) {
    }

    private Velocity() {
    }

    /**
     * One row per calendar quarter (UTC) of the window (per group when grouped), each clipped to the window. An open
     * window starts at the quarter of the earliest visible opportunity or deal outcome and ends at asOf.
     */
    public static Figures byQuarter(FlowSnapshot snapshot, FlowQuery query) {
        snapshot = snapshot.onTheMap();
        return of(snapshot, query, quarters(snapshot, query.window()));
    }

    /** One row per given period (per group when grouped). */
    public static Figures of(FlowSnapshot snapshot, FlowQuery query, List<Window> periods) {
        snapshot = snapshot.onTheMap();
        if (periods.size() > MAX_PERIODS) {
            throw new IllegalArgumentException("the window spans " + periods.size() + " quarters; at most "
                    + MAX_PERIODS);
        }
        Valuation valuation = new Valuation(snapshot.map().currency());
        List<Map<String, Acc>> byPeriod = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            Map<String, Acc> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
            if (query.groupBy() == null) {
                groups.put(null, new Acc());
            }
            byPeriod.add(groups);
        }
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            StepFact opened = Deals.first(journey, Deals.OPENED);
            StepFact outcome = Deals.outcome(journey);
            boolean deal = outcome != null && !outcome.type().equals(Deals.DISQUALIFIED);
            String group = null;
            boolean grouped = false;
            for (int p = 0; p < periods.size(); p++) {
                Window period = periods.get(p);
                boolean openedIn = opened != null && period.contains(opened.occurredAt());
                boolean closedIn = deal && period.contains(outcome.occurredAt());
                if (!openedIn && !closedIn) {
                    continue;
                }
                if (!grouped) {
                    group = query.groupOf(journey);
                    grouped = true;
                }
                Acc acc = byPeriod.get(p).computeIfAbsent(group, g -> new Acc());
                acc.opportunities += openedIn ? 1 : 0;
                if (closedIn && outcome.type().equals(Deals.WON)) {
                    acc.won++;
                    Valuation.Value value = valuation.at(journey, outcome.occurredAt());
                    if (value.counts()) {
                        acc.valued++;
                        acc.revenue = acc.revenue.add(value.amount());
                    }
                    Double cycle = Deals.cycleDays(journey, outcome);
                    if (cycle != null) {
                        acc.cycleDays.add(cycle);
                    }
                } else if (closedIn) {
                    acc.lost++;
                }
            }
        }
        List<VelocityView> rows = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            Window period = periods.get(p);
            String label = label(period);
            byPeriod.get(p).forEach((group, acc) -> {
                Double winRate = Deals.rate(acc.won, acc.won + acc.lost);
                BigDecimal average = valuation.divide(acc.revenue, acc.valued);
                Double cycle = acc.cycleDays.summarize().median();
                rows.add(new VelocityView(group, label, period.from(), period.to(), acc.opportunities, acc.won,
                                          acc.lost, winRate, average, cycle,
                                          velocity(acc.opportunities, winRate, average, cycle, valuation)));
            });
        }
        return new Figures(rows, valuation.coverage());
    }

    private static BigDecimal velocity(long opportunities, Double winRate, BigDecimal average, Double cycle,
                                       Valuation valuation) {
        if (winRate == null || average == null || cycle == null || cycle <= 0) {
            return null;
        }
        BigDecimal perPeriod = average.multiply(BigDecimal.valueOf(opportunities))
                                      .multiply(BigDecimal.valueOf(winRate));
        return valuation.divide(perPeriod.divide(BigDecimal.valueOf(cycle), 10, RoundingMode.HALF_EVEN), 1);
    }

    /** "2025-Q3" for a whole calendar quarter in UTC, else "from/to". */
    static String label(Window period) {
        if (period.from() != null && period.to() != null) {
            LocalDate start = LocalDate.ofInstant(period.from(), ZoneOffset.UTC);
            int quarter = (start.getMonthValue() - 1) / 3 + 1;
            if (Window.quarter(start.getYear(), quarter, ZoneOffset.UTC).equals(period)) {
                return start.getYear() + "-Q" + quarter;
            }
        }
        return (period.from() == null ? "" : period.from().toString()) + "/"
                + (period.to() == null ? "" : period.to().toString());
    }

    /** The calendar quarters (UTC) that the window touches, each clipped to the window. */
    static List<Window> quarters(FlowSnapshot snapshot, Window window) {
        Instant from = window.from() != null ? window.from() : earliestDealFact(snapshot);
        if (from == null) {
            return List.of();
        }
        Instant to = window.to() != null ? window.to() : snapshot.cut().asOf();
        List<Window> periods = new ArrayList<>();
        LocalDate start = LocalDate.ofInstant(from, ZoneOffset.UTC);
        Window quarter = Window.quarter(start.getYear(), (start.getMonthValue() - 1) / 3 + 1, ZoneOffset.UTC);
        if (window.from() == null) {
            // An open start begins with the whole quarter of the earliest fact.
            from = quarter.from();
        }
        while (window.to() != null ? quarter.from().isBefore(to) : !quarter.from().isAfter(to)) {
            Instant a = quarter.from().isBefore(from) ? from : quarter.from();
            Instant b = window.to() != null && quarter.to().isAfter(window.to()) ? window.to() : quarter.to();
            if (a.isBefore(b)) {
                periods.add(new Window(a, b));
            }
            if (periods.size() > MAX_PERIODS) {
                break;
            }
            LocalDate next = LocalDate.ofInstant(quarter.to(), ZoneOffset.UTC);
            quarter = Window.quarter(next.getYear(), (next.getMonthValue() - 1) / 3 + 1, ZoneOffset.UTC);
        }
        return periods;
    }

    private static final class Acc {
        long opportunities;
        long won;
        long lost;
        long valued;
        BigDecimal revenue = BigDecimal.ZERO;
        final Stats.Doubles cycleDays = new Stats.Doubles();
    }

    private static Instant earliestDealFact(FlowSnapshot snapshot) {
        Instant earliest = null;
        for (JourneyFlow journey : snapshot.journeys()) {
            for (StepFact step : journey.steps()) {
                String type = step.type();
                if (type.equals(Deals.OPENED) || type.equals(Deals.WON) || type.equals(Deals.LOST)) {
                    earliest = earliest == null || step.occurredAt().isBefore(earliest) ? step.occurredAt()
                                                                                        : earliest;
                    break;
                }
            }
        }
        return earliest;
    }
}

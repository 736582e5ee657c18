package io.revchain.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A half-open business-time window [from, to); a null bound is open (all time on that side). */
public record Window(Instant from, Instant to) {

    public static final Window ALL = new Window(null, null);

    public Window {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("window from " + from + " is after to " + to);
        }
    }

    /** Calendar quarter 1..4 of the year, boundaries at local midnight in the zone. */
    public static Window quarter(int year, int quarter, ZoneId zone) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1..4, was " + quarter);
        }
        LocalDate start = LocalDate.of(year, 3 * (quarter - 1) + 1, 1);
        return new Window(start.atStartOfDay(zone).toInstant(), start.plusMonths(3).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }

    /** Where time-in-stage and age stop counting: the window's end, but never past asOf. */
    public Instant measuredUntil(Instant asOf) {
        return to == null || to.isAfter(asOf) ? asOf : to;
    }
}

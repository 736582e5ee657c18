package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Measures working time under one {@link WorkCalendar}. For the local days it has seen it keeps each day's start,
 * its working intervals as instants and the working seconds of all days before it, so a measurement is two binary
 * searches and a little arithmetic, whatever the span. The working time up to an instant t is
 * {@code W(t) = worked seconds of the days before t's day + the part of t's day's intervals before t}, and the time
 * between a and b is {@code W(b) - W(a)}: exact to the nanosecond.
 * <p>
 * A working interval of a day runs from the first instant the zone's clock reads its start to the first instant it
 * reads its end (a time the clock skips, in a daylight-saving gap, is first "read" when the clock jumps past it), so
 * an interval that spans a change lasts what it really lasted: a night shift 00:00-06:00 lasts 5 h when clocks go
 * forward and 7 h when they go back. Not thread-safe: one clock per read.
 */
public final class WorkingClock implements ElapsedTime {

    /** Days added beyond the one asked for when the table grows, so that a read rebuilds it rarely. */
    private static final int MARGIN_DAYS = 366;

    private final WorkCalendar calendar;
    private final ZoneId zone;
    private final int perDay;
    private LocalDate base;
    /** Epoch second of the start of day i (n + 1 entries: the last is the end of the last day). */
    private long[] dayStart = new long[0];
    /** Start and end (epoch seconds) of each working interval of day i, at [2 * (i * perDay + j)]. */
    private long[] bounds = new long[0];
    /** Working seconds of the days before day i (n + 1 entries). */
    private long[] before = new long[0];

    public WorkingClock(WorkCalendar calendar) {
        this.calendar = calendar;
        this.zone = calendar.zone();
        this.perDay = calendar.hours().size();
    }

    @Override
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        cover(from);
        cover(to);
        long[] a = workedUntil(from);
        long[] b = workedUntil(to);
        return Duration.ofSeconds(b[0] - a[0], b[1] - a[1]);
    }

    /** Working time from the start of the table to t, as {seconds, nanos}. */
    private long[] workedUntil(Instant t) {
        long second = t.getEpochSecond();
        int day = dayOf(second);
        long seconds = before[day];
        long nanos = 0;
        for (int j = 0; j < perDay; j++) {
            long start = bounds[2 * (day * perDay + j)];
            long end = bounds[2 * (day * perDay + j) + 1];
            if (second >= end) {
                seconds += end - start;
            } else if (second >= start) {
                seconds += second - start;
                nanos = t.getNano();
            }
        }
        return new long[] {seconds, nanos};
    }

    /** The day i with dayStart[i] <= second < dayStart[i + 1]; the table covers it. */
    private int dayOf(long second) {
        int lo = 0;
        int hi = dayStart.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (dayStart[mid] <= second) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void cover(Instant t) {
        long second = t.getEpochSecond();
        if (dayStart.length > 1 && dayStart[0] <= second && second < dayStart[dayStart.length - 1]) {
            return;
        }
        LocalDate date = LocalDate.ofInstant(t, zone);
        LocalDate first = base == null || date.isBefore(base) ? date.minusDays(MARGIN_DAYS) : base;
        LocalDate last = base == null ? date.plusDays(MARGIN_DAYS)
                : max(base.plusDays(dayStart.length - 2), date.plusDays(MARGIN_DAYS));
        build(first, last);
    }

    /**
     * The first instant the zone's clock reads {@code time} on {@code date}: in an overlap (clocks going back) the
     * earlier of the two; in a gap (clocks going forward) the instant of the jump, when the clock passes it.
     */
    private long firstReading(LocalDate date, LocalTime time) {
        LocalDateTime local = date.atTime(time);
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant().getEpochSecond();
        }
        long first = Long.MAX_VALUE;
        for (ZoneOffset offset : offsets) {
            first = Math.min(first, local.toEpochSecond(offset));
        }
        return first;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Rebuilds the table for the local days first..last. */
    private void build(LocalDate first, LocalDate last) {
        int n = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        long[] starts = new long[n + 1];
        long[] intervals = new long[2 * n * perDay];
        long[] worked = new long[n + 1];
        List<WorkCalendar.Hours> hours = calendar.hours();
        LocalDate date = first;
        for (int i = 0; i < n; i++, date = date.plusDays(1)) {
            starts[i] = date.atStartOfDay(zone).toEpochSecond();
            long nextDay = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
            boolean working = calendar.isWorkingDay(date);
            long sum = 0;
            long previousEnd = starts[i];
            for (int j = 0; j < perDay; j++) {
                long start = previousEnd;
                long end = previousEnd;
                if (working) {
                    WorkCalendar.Hours h = hours.get(j);
                    start = Math.max(previousEnd, firstReading(date, h.from()));
                    end = h.to() == null ? nextDay : firstReading(date, h.to());
                    end = Math.min(nextDay, Math.max(start, end));
                    sum += end - start;
                    previousEnd = end;
                }
                intervals[2 * (i * perDay + j)] = start;
                intervals[2 * (i * perDay + j) + 1] = end;
            }
            worked[i + 1] = worked[i] + sum;
            if (i == n - 1) {
                starts[n] = nextDay;
            }
        }
        this.base = first;
        this.dayStart = starts;
        this.bounds = intervals;
        this.before = worked;
    }
}

package io.revchain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Working time between two instants, computed by hand in the comments. The EMEA sales calendar: Europe/Berlin,
 * Monday to Friday, 09:00-12:30 and 13:30-17:30 (7.5 h a day), Christmas Day and Boxing Day 2025 off.
 */
class WorkCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final WorkCalendar EMEA = new WorkCalendar("emea-sales", BERLIN,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            List.of(hours("13:30", "17:30"), hours("09:00", "12:30")),
            Set.of(LocalDate.parse("2025-12-25"), LocalDate.parse("2025-12-26")));
    /** Every night 00:00-06:00, every day of the week: the hours a daylight-saving change falls in. */
    static final WorkCalendar NIGHTS = new WorkCalendar("nights", BERLIN, EnumSet.allOf(DayOfWeek.class),
                                                        List.of(hours("00:00", "06:00")), Set.of());
    /** Around the clock, every day. */
    static final WorkCalendar ALWAYS = new WorkCalendar("always", BERLIN, EnumSet.allOf(DayOfWeek.class),
                                                        List.of(new WorkCalendar.Hours(LocalTime.MIDNIGHT, null)),
                                                        Set.of());

    @Test
    void withinOneDay_countsOnlyTheWorkingIntervals() {
        // Tue 4 March 2025, 10:00 to 15:00: 10:00-12:30 (2.5 h) + 13:30-15:00 (1.5 h) = 4 h; the lunch break is out.
        assertThat(work(EMEA, "2025-03-04T10:00", "2025-03-04T15:00")).isEqualTo(Duration.ofHours(4));
        // 07:00 to 20:00: starts and ends outside working hours: the whole day, 3.5 + 4 = 7.5 h.
        assertThat(work(EMEA, "2025-03-04T07:00", "2025-03-04T20:00")).isEqualTo(Duration.ofMinutes(450));
        // 12:30 to 13:30 is the lunch break: nothing.
        assertThat(work(EMEA, "2025-03-04T12:30", "2025-03-04T13:30")).isZero();
        // 18:00 to 08:00 the next morning: nothing.
        assertThat(work(EMEA, "2025-03-04T18:00", "2025-03-05T08:00")).isZero();
    }

    @Test
    void acrossAWeekend_saturdayAndSundayCountNothing() {
        // Fri 7 March 16:00 to Mon 10 March 10:00 (66 h of calendar time):
        // Fri 16:00-17:30 = 1.5 h; Sat, Sun 0; Mon 09:00-10:00 = 1 h. Total 2.5 h.
        assertThat(work(EMEA, "2025-03-07T16:00", "2025-03-10T10:00")).isEqualTo(Duration.ofMinutes(150));
        // Sat 8 March to Sat 15 March: five whole working days, 5 x 7.5 = 37.5 h.
        assertThat(work(EMEA, "2025-03-08T00:00", "2025-03-15T00:00")).isEqualTo(Duration.ofMinutes(2250));
    }

    @Test
    void aHoliday_countsNothing_unlikeAPlainWorkingDay() {
        // Wed 24 Dec 15:00 to Mon 29 Dec 11:00: Wed 15:00-17:30 = 2.5 h; Thu 25 and Fri 26 are holidays; the weekend;
        // Mon 09:00-11:00 = 2 h. Total 4.5 h.
        assertThat(work(EMEA, "2025-12-24T15:00", "2025-12-29T11:00")).isEqualTo(Duration.ofMinutes(270));
        // The same calendar without its holidays adds two working days: 4.5 + 2 x 7.5 = 19.5 h. (PM4Py's holiday
        // parameter is silently ignored, pm4py issue 558: this difference is the check.)
        WorkCalendar noHolidays = new WorkCalendar("x", BERLIN, EMEA.workingDays(), EMEA.hours(), Set.of());
        assertThat(work(noHolidays, "2025-12-24T15:00", "2025-12-29T11:00")).isEqualTo(Duration.ofMinutes(1170));
        // Inside a holiday: nothing at all.
        assertThat(work(EMEA, "2025-12-25T09:00", "2025-12-25T17:30")).isZero();
    }

    @Test
    void springForward_theMissingHourIsNotCounted() {
        // Berlin moves from 02:00 CET to 03:00 CEST on Sun 30 March 2025.
        // Night shift 00:00-06:00: that Sunday's shift lasts 00:00+01:00 to 06:00+02:00 = 5 h of real time.
        // Sat 29 March 23:00 to Sun 30 March 07:00: Saturday's shift ended at 06:00 (before), so 5 h.
        assertThat(work(NIGHTS, "2025-03-29T23:00", "2025-03-30T07:00")).isEqualTo(Duration.ofHours(5));
        // Around the clock, Sat 12:00 to Sun 12:00 is 23 h: the day is an hour short.
        assertThat(work(ALWAYS, "2025-03-29T12:00", "2025-03-30T12:00")).isEqualTo(Duration.ofHours(23));
        // Working hours away from 02:00 are untouched: Fri 28 March 17:00 (CET) to Mon 31 March 09:30 (CEST),
        // 63.5 h of calendar time, is 0.5 h (Fri 17:00-17:30) + 0.5 h (Mon 09:00-09:30) = 1 h.
        assertThat(work(EMEA, "2025-03-28T17:00", "2025-03-31T09:30")).isEqualTo(Duration.ofHours(1));
        assertThat(Duration.between(local("2025-03-28T17:00"), local("2025-03-31T09:30")))
                .isEqualTo(Duration.ofMinutes(63 * 60 + 30));
    }

    @Test
    void fallBack_theRepeatedHourCountsTwice() {
        // Berlin moves from 03:00 CEST back to 02:00 CET on Sun 26 October 2025.
        // Night shift 00:00-06:00 lasts 00:00+02:00 to 06:00+01:00 = 7 h of real time.
        assertThat(work(NIGHTS, "2025-10-25T23:00", "2025-10-26T07:00")).isEqualTo(Duration.ofHours(7));
        // Around the clock, Sat 12:00 to Sun 12:00 is 25 h.
        assertThat(work(ALWAYS, "2025-10-25T12:00", "2025-10-26T12:00")).isEqualTo(Duration.ofHours(25));
        // From 02:30 CEST (00:30Z) to 02:30 CET (01:30Z), the same wall-clock time twice: 1 h.
        assertThat(ALWAYS.workingTime(Instant.parse("2025-10-26T00:30:00Z"), Instant.parse("2025-10-26T01:30:00Z")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(NIGHTS.workingTime(Instant.parse("2025-10-26T00:30:00Z"), Instant.parse("2025-10-26T01:30:00Z")))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aYear_isItsWorkingDaysTimesTheDailyHours() {
        // Mon 6 Jan 2025 + 52 weeks = Mon 5 Jan 2026: 260 weekdays x 7.5 h = 1950 h, minus the two holidays
        // (Thu 25 and Fri 26 Dec 2025, both weekdays): 1935 h.
        assertThat(work(EMEA, "2025-01-06T00:00", "2026-01-05T00:00")).isEqualTo(Duration.ofHours(1935));
    }

    @Test
    void exactToTheNanosecond_andNegativeBackwards() {
        Instant a = local("2025-03-04T10:00").plusNanos(500_000_000);
        Instant b = local("2025-03-04T10:00:01").plusNanos(250_000_000);
        assertThat(EMEA.workingTime(a, b)).isEqualTo(Duration.ofMillis(750));
        assertThat(EMEA.workingTime(b, a)).isEqualTo(Duration.ofMillis(-750));
        // A start inside a break and an end inside working hours, with nanoseconds on both.
        Instant lunch = local("2025-03-04T12:45").plusNanos(7);
        Instant afternoon = local("2025-03-04T13:30:00").plusNanos(9);
        assertThat(EMEA.workingTime(lunch, afternoon)).isEqualTo(Duration.ofNanos(9));
    }

    @Test
    void oneClock_measuresSpansFarApartAndGrowsItsTable() {
        WorkingClock clock = new WorkingClock(EMEA);
        assertThat(clock.between(local("2025-03-04T10:00"), local("2025-03-04T15:00"))).isEqualTo(Duration.ofHours(4));
        // Ten years earlier and later than the first table: Mon 2 Mar 2015 09:00 to 10:00, Mon 5 Mar 2035 the same.
        assertThat(clock.between(local("2015-03-02T09:00"), local("2015-03-02T10:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(clock.between(local("2035-03-05T09:00"), local("2035-03-05T10:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(clock.between(local("2025-03-07T16:00"), local("2025-03-10T10:00")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void agreesWithScanningTheClockMinuteByMinute_aroundBothDaylightSavingChanges() {
        // Intervals that start or end in the skipped hour (30 March) and in the repeated hour (26 October).
        WorkCalendar split = new WorkCalendar("split", BERLIN, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY,
                DayOfWeek.MONDAY), List.of(hours("01:30", "02:30"), hours("02:45", "04:00"), hours("22:00", "23:00")),
                Set.of(LocalDate.parse("2025-10-27")));
        // 30 March: 01:30-02:30 ends when the clock jumps from 02:00 to 03:00 (30 min); 02:45-04:00 starts then and
        // lasts to 04:00 CEST (1 h). 26 October: 01:30-02:30 ends at the first 02:30 (1 h); 02:45-04:00 runs from
        // the first 02:45 to 04:00 CET (2 h 15 min).
        assertThat(work(split, "2025-03-30T00:00", "2025-03-30T12:00")).isEqualTo(Duration.ofMinutes(90));
        assertThat(split.workingTime(local("2025-10-26T00:00"), Instant.parse("2025-10-26T10:00:00Z")))
                .isEqualTo(Duration.ofMinutes(60 + 135));
        Random random = new Random(7);
        for (WorkCalendar calendar : List.of(EMEA, NIGHTS, ALWAYS, split)) {
            WorkingClock clock = new WorkingClock(calendar);
            ClockScan scan = new ClockScan(calendar);
            for (String change : List.of("2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z", "2025-12-25T12:00:00Z")) {
                for (int sample = 0; sample < 25; sample++) {
                    Instant from = Instant.parse(change).plus(Duration.ofMinutes(random.nextInt(5 * 1440) - 3 * 1440));
                    Instant to = from.plus(Duration.ofMinutes(random.nextInt(3 * 1440)));
                    assertThat(clock.between(from, to)).as("%s from %s to %s", calendar.calendarId(), from, to)
                            .isEqualTo(scan.between(from, to));
                }
            }
        }
    }

    /**
     * The definition by brute force, without the zone's rules: an interval of a working day runs from the first
     * minute whose local time reads its start (or later) to the first minute that reads its end (or is the next day).
     */
    private static final class ClockScan {

        private final WorkCalendar calendar;
        private final Map<LocalDate, List<Instant[]>> days = new HashMap<>();

        ClockScan(WorkCalendar calendar) {
            this.calendar = calendar;
        }

        Duration between(Instant from, Instant to) {
            Duration total = Duration.ZERO;
            LocalDate last = LocalDate.ofInstant(to, calendar.zone()).plusDays(1);
            for (LocalDate d = LocalDate.ofInstant(from, calendar.zone()).minusDays(1); !d.isAfter(last);
                 d = d.plusDays(1)) {
                for (Instant[] interval : intervals(d)) {
                    Instant start = interval[0].isAfter(from) ? interval[0] : from;
                    Instant end = interval[1].isBefore(to) ? interval[1] : to;
                    if (end.isAfter(start)) {
                        total = total.plus(Duration.between(start, end));
                    }
                }
            }
            return total;
        }

        private List<Instant[]> intervals(LocalDate date) {
            return days.computeIfAbsent(date, d -> {
                List<Instant[]> intervals = new ArrayList<>();
                if (calendar.isWorkingDay(d)) {
                    for (WorkCalendar.Hours h : calendar.hours()) {
                        intervals.add(new Instant[] {firstReading(d, h.from()), firstReading(d, h.to())});
                    }
                }
                return intervals;
            });
        }

        /** Scans from well before the day (Berlin is at most 2 h ahead of UTC); null time: the next day. */
        private Instant firstReading(LocalDate date, LocalTime time) {
            Instant t = date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minus(Duration.ofHours(3));
            while (true) {
                LocalDateTime local = LocalDateTime.ofInstant(t, calendar.zone());
                if (local.toLocalDate().isAfter(date)
                        || (local.toLocalDate().equals(date) && time != null && !local.toLocalTime().isBefore(time))) {
                    return t;
                }
                t = t.plus(Duration.ofMinutes(1));
            }
        }
    }

    @Test
    void overlappingHours_areRefused() {
        assertThatThrownBy(() -> new WorkCalendar("x", BERLIN, EnumSet.of(DayOfWeek.MONDAY),
                                                  List.of(hours("09:00", "12:00"), hours("11:00", "13:00")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> hours("12:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
    }

    static WorkCalendar.Hours hours(String from, String to) {
        return new WorkCalendar.Hours(LocalTime.parse(from), LocalTime.parse(to));
    }

    /** A Berlin wall-clock time as an instant (never in a gap or an overlap in these tests). */
    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static Duration work(WorkCalendar calendar, String from, String to) {
        return calendar.workingTime(local(from), local(to));
    }
}

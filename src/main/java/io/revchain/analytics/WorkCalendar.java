package io.revchain.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A working calendar: in its time zone, the working days of the week, the working hours of each working day (one or
 * more intervals, e.g. 09:00-12:30 and 13:30-17:30) and holidays (local dates that are not worked). Working time
 * between two instants is the part of that span that falls inside working hours, measured as elapsed time, so a
 * daylight-saving change inside working hours counts as the time it really lasted (docs/metrics.md, section 26;
 * {@link WorkingClock} says how an interval meets a change).
 */
public record WorkCalendar(String calendarId, ZoneId zone, Set<DayOfWeek> workingDays, List<Hours> hours,
                           Set<LocalDate> holidays) {

    /** One interval of a working day, local time; {@code to} null means until midnight (24:00). */
    public record Hours(LocalTime from, LocalTime to) {

        public Hours {
            Objects.requireNonNull(from, "from");
            if (to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("working hours " + from + "-" + to + " end before they start");
            }
        }

        /** "09:00-12:30"; "22:00-24:00" for an interval until midnight. */
        @Override
        public String toString() {
            return from + "-" + (to == null ? "24:00" : to.toString());
        }
    }

    public WorkCalendar {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(zone, "zone");
        workingDays = workingDays == null || workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
        List<Hours> sorted = new ArrayList<>(hours == null ? List.of() : hours);
        sorted.sort((a, b) -> a.from().compareTo(b.from()));
        for (int i = 1; i < sorted.size(); i++) {
            Hours before = sorted.get(i - 1);
            if (before.to() == null || before.to().isAfter(sorted.get(i).from())) {
                throw new IllegalArgumentException("working hours " + before + " and " + sorted.get(i) + " overlap");
            }
        }
        hours = List.copyOf(sorted);
        holidays = holidays == null ? Set.of() : Set.copyOf(new TreeSet<>(holidays));
    }

    /** A working day: one of the working days of the week and not a holiday. */
    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** Working time between two instants (negative when {@code to} is before {@code from}). */
    public Duration workingTime(Instant from, Instant to) {
        return new WorkingClock(this).between(from, to);
    }
}

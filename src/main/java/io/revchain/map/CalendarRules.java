package io.revchain.map;

import io.revchain.system.web.FieldError;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a map's working calendars satisfy (docs/domain-map.md, calendars), each broken rule reported on its
 * field; turns the requests into normalized {@link BusinessCalendar}s.
 */
final class CalendarRules {

    static final int MAX_CALENDARS = 20;
    static final int MAX_HOLIDAYS = 2_000;
    static final List<String> MONDAY_TO_FRIDAY = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    private static final Pattern HOURS = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");

    private CalendarRules() {
    }

    static List<BusinessCalendar> calendars(List<CalendarRequest> requests, List<FieldError> errors) {
        if (requests == null || requests.isEmpty()) {
            return List.of();
        }
        if (requests.size() > MAX_CALENDARS) {
            errors.add(MapRules.error("calendars", "calendars-limit",
                                      "a map defines at most " + MAX_CALENDARS + " calendars"));
            return List.of();
        }
        List<BusinessCalendar> calendars = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = "calendars[" + i + "]";
            CalendarRequest request = requests.get(i);
            if (request == null) {
                errors.add(MapRules.error(at, "calendar-required", "a calendar cannot be null"));
                continue;
            }
            int before = errors.size();
            String id = MapRules.strip(request.calendarId());
            if (id == null) {
                errors.add(MapRules.error(at + ".calendarId", "calendar-id-required",
                                          "name the calendar, such as emea-sales"));
            } else if (!MapIds.valid(id)) {
                errors.add(MapRules.error(at + ".calendarId", "calendar-id-format",
                                          "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or "
                                                  + "digit"));
            } else if (seen.containsKey(id)) {
                errors.add(MapRules.error(at + ".calendarId", "calendar-id-unique",
                                          "calendar id '" + id + "' is already used by calendars["
                                                  + seen.get(id) + "]"));
            } else {
                seen.put(id, i);
            }
            String zone = zone(request.zone(), at + ".zone", errors);
            List<String> days = workingDays(request.workingDays(), at + ".workingDays", errors);
            List<String> hours = hours(request.hours(), at + ".hours", errors);
            List<String> holidays = holidays(request.holidays(), at + ".holidays", errors);
            if (errors.size() == before) {
                calendars.add(new BusinessCalendar(id, zone, days, hours, holidays));
            }
        }
        return calendars;
    }

    /** An IANA zone ("Europe/Berlin") or an offset ("+01:00", "UTC"), as java.time names it. */
    private static String zone(String requested, String field, List<FieldError> errors) {
        String zone = MapRules.strip(requested);
        if (zone == null) {
            errors.add(MapRules.error(field, "calendar-zone-required",
                                      "give the time zone working hours are in, such as Europe/Berlin"));
            return null;
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            errors.add(MapRules.error(field, "calendar-zone-valid", "'" + zone + "' is not a time zone; use an "
                    + "IANA name such as Europe/Berlin or America/New_York, or an offset such as +01:00"));
            return null;
        }
    }

    /** Day names (MONDAY or MON, any letter case) in week order; left out: MONDAY to FRIDAY. */
    private static List<String> workingDays(List<String> requested, String field, List<FieldError> errors) {
        if (requested == null) {
            return MONDAY_TO_FRIDAY;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int k = 0; k < requested.size(); k++) {
            DayOfWeek day = day(requested.get(k));
            if (day == null) {
                errors.add(MapRules.error(field + "[" + k + "]", "calendar-working-day-valid",
                                          "'" + requested.get(k) + "' is not a day of the week; use MONDAY to "
                                                  + "SUNDAY (or MON to SUN)"));
            } else {
                days.add(day);
            }
        }
        if (requested.isEmpty()) {
            errors.add(MapRules.error(field, "calendar-working-days-required",
                                      "list at least one working day, or leave workingDays out for MONDAY to "
                                              + "FRIDAY"));
        }
        return days.stream().map(DayOfWeek::name).toList();
    }

    private static DayOfWeek day(String text) {
        String name = MapRules.strip(text);
        if (name == null) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || (upper.length() == 3 && day.name().startsWith(upper))) {
                return day;
            }
        }
        return null;
    }

    /** "HH:mm-HH:mm" intervals, each starting before it ends ("24:00" ends at midnight), sorted, not overlapping. */
    private static List<String> hours(List<String> requested, String field, List<FieldError> errors) {
        if (requested == null || requested.isEmpty()) {
            errors.add(MapRules.error(field, "calendar-hours-required",
                                      "list the working hours of a working day, such as [\"09:00-12:30\", "
                                              + "\"13:30-17:30\"]"));
            return List.of();
        }
        TreeMap<Integer, int[]> intervals = new TreeMap<>();
        Map<Integer, Integer> indexOf = new HashMap<>();
        for (int k = 0; k < requested.size(); k++) {
            String at = field + "[" + k + "]";
            String text = MapRules.strip(requested.get(k));
            Matcher m = text == null ? null : HOURS.matcher(text);
            if (m == null || !m.matches()) {
                errors.add(MapRules.error(at, "calendar-hours-format", "'" + requested.get(k) + "' is not an "
                        + "interval of the day; write it as HH:mm-HH:mm, such as 09:00-12:30"));
                continue;
            }
            Integer from = minute(m.group(1), m.group(2), false);
            Integer to = minute(m.group(3), m.group(4), true);
            if (from == null || to == null) {
                errors.add(MapRules.error(at, "calendar-hours-format", "'" + text + "' is not a time of day; hours "
                        + "are 00 to 23 (24:00 only as an end), minutes 00 to 59"));
            } else if (from >= to) {
                errors.add(MapRules.error(at, "calendar-hours-order", "'" + text + "' ends before it starts; an "
                        + "interval lies within one day (split a night shift: 22:00-24:00 and 00:00-06:00)"));
            } else if (intervals.containsKey(from)) {
                errors.add(MapRules.error(at, "calendar-hours-overlap", "'" + text + "' overlaps " + field + "["
                        + indexOf.get(from) + "]"));
            } else {
                intervals.put(from, new int[] {from, to});
                indexOf.put(from, k);
            }
        }
        List<String> normalized = new ArrayList<>();
        int[] previous = null;
        for (int[] interval : intervals.values()) {
            if (previous != null && previous[1] > interval[0]) {
                errors.add(MapRules.error(field + "[" + indexOf.get(interval[0]) + "]", "calendar-hours-overlap",
                                          "'" + text(interval) + "' overlaps " + field + "["
                                                  + indexOf.get(previous[0]) + "] (" + text(previous) + ")"));
            }
            previous = interval;
            normalized.add(text(interval));
        }
        return normalized;
    }

    private static Integer minute(String hour, String minute, boolean end) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (end && h == 24 && m == 0) {
            return 24 * 60;
        }
        return h <= 23 && m <= 59 ? h * 60 + m : null;
    }

    private static String text(int[] interval) {
        return "%02d:%02d-%02d:%02d".formatted(interval[0] / 60, interval[0] % 60, interval[1] / 60,
                                               interval[1] % 60);
    }

    /** ISO dates, sorted, duplicates once. */
    private static List<String> holidays(List<String> requested, String field, List<FieldError> errors) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_HOLIDAYS) {
            errors.add(MapRules.error(field, "calendar-holidays-limit",
                                      "a calendar lists at most " + MAX_HOLIDAYS + " holidays"));
            return List.of();
        }
        Set<LocalDate> dates = new TreeSet<>();
        for (int k = 0; k < requested.size(); k++) {
            String text = MapRules.strip(requested.get(k));
            try {
                dates.add(LocalDate.parse(text == null ? "" : text));
            } catch (DateTimeParseException e) {
                errors.add(MapRules.error(field + "[" + k + "]", "calendar-holiday-date", "'" + requested.get(k)
                        + "' is not a date; write it as YYYY-MM-DD, such as 2025-12-25"));
            }
        }
        return dates.stream().map(LocalDate::toString).toList();
    }
}

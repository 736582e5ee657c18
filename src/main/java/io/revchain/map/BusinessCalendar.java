package io.revchain.map;

import java.util.List;

/**
 * A working calendar a map defines, normalized: its id ({@code calendar=} on reads), the IANA time zone or offset,
 * the working days of the week (MONDAY ... SUNDAY, in week order), the working hours of each working day as local
 * intervals "HH:mm-HH:mm" in order ("24:00" ends at midnight), and holidays as ISO dates in order.
 */
public record BusinessCalendar(String calendarId, String zone, List<String> workingDays, List<String> hours,
                               List<String> holidays) {

    public BusinessCalendar {
        workingDays = List.copyOf(workingDays);
        hours = List.copyOf(hours);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }
}

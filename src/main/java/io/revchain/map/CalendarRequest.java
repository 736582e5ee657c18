package io.revchain.map;

import java.util.List;

/**
 * A working calendar as a map document sends it. {@code workingDays} left out: MONDAY to FRIDAY; {@code holidays}
 * left out: none. Checked by the map's rules (docs/domain-map.md, calendars).
 */
public record CalendarRequest(String calendarId, String zone, List<String> workingDays, List<String> hours,
                              List<String> holidays) {
}

package io.revchain.analytics;

/**
 * What a read asks for: the window, which journeys, the optional grouping, and the optional working calendar that
 * durations are measured in (null: calendar time).
 */
public record FlowQuery(Window window, JourneyFilter filter, GroupBy groupBy, WorkCalendar calendar) {

    public FlowQuery {
        window = window == null ? Window.ALL : window;
        filter = filter == null ? JourneyFilter.NONE : filter;
    }

    public FlowQuery(Window window, JourneyFilter filter, GroupBy groupBy) {
        this(window, filter, groupBy, null);
    }

    public static FlowQuery all() {
        return new FlowQuery(Window.ALL, JourneyFilter.NONE, null);
    }

    public static FlowQuery in(Window window) {
        return new FlowQuery(window, JourneyFilter.NONE, null);
    }

    public FlowQuery withWindow(Window w) {
        return new FlowQuery(w, filter, groupBy, calendar);
    }

    public FlowQuery withFilter(JourneyFilter f) {
        return new FlowQuery(window, f, groupBy, calendar);
    }

    public FlowQuery withGroupBy(GroupBy g) {
        return new FlowQuery(window, filter, g, calendar);
    }

    public FlowQuery withCalendar(WorkCalendar c) {
        return new FlowQuery(window, filter, groupBy, c);
    }

    /** How this read measures durations: working time under its calendar, else calendar time. A new clock per call. */
    public ElapsedTime elapsed() {
        return calendar == null ? ElapsedTime.CALENDAR : new WorkingClock(calendar);
    }

    /** The row group of a journey: null when ungrouped. */
    public String groupOf(JourneyFlow journey) {
        return groupBy == null ? null : groupBy.groupOf(journey);
    }
}

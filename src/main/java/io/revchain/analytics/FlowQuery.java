package io.revchain.analytics;

/** What a read asks for: the window, which journeys, and the optional grouping. */
public record FlowQuery(Window window, JourneyFilter filter, GroupBy groupBy) {

    public FlowQuery {
        window = window == null ? Window.ALL : window;
        filter = filter == null ? JourneyFilter.NONE : filter;
    }

    public static FlowQuery all() {
        return new FlowQuery(Window.ALL, JourneyFilter.NONE, null);
    }

    public static FlowQuery in(Window window) {
        return new FlowQuery(window, JourneyFilter.NONE, null);
    }

    public FlowQuery withWindow(Window w) {
        return new FlowQuery(w, filter, groupBy);
    }

    public FlowQuery withFilter(JourneyFilter f) {
        return new FlowQuery(window, f, groupBy);
    }

    public FlowQuery withGroupBy(GroupBy g) {
        return new FlowQuery(window, filter, g);
    }

    /** The row group of a journey: null when ungrouped. */
    public String groupOf(JourneyFlow journey) {
        return groupBy == null ? null : groupBy.groupOf(journey);
    }
}

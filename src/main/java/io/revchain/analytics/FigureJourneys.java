package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The journeys behind a stage or transition figure, so that a number on the map can be opened and checked case by
 * case. Uses the same visit and transition predicates as {@link StageMetrics} and {@link TransitionMetrics}, so the
 * total always equals the figure.
 */
public final class FigureJourneys {

    static final String STAGE_SECTION = "4. Stage figures: StageMetrics.stages(snapshot, query)";
    static final String TRANSITION_SECTION = "5. Transitions: TransitionMetrics.transitions(snapshot, query)";

    private static final Comparator<JourneyRowView> LONGEST_FIRST =
            Comparator.comparing(JourneyRowView::hours, Comparator.nullsLast(Comparator.reverseOrder()))
                      .thenComparing(JourneyRowView::journeyId)
                      .thenComparing(JourneyRowView::since);

    private FigureJourneys() {
    }

    /** The stage figures a drill-down can open, with their definitions (docs/metrics.md section 4). */
    public enum StageFigure {
        ENTERED("entered", "distinct journeys with at least one arrival into the stage in the window; "
                + "one row per journey, its first arrival in the window"),
        ARRIVALS("arrivals", "visits that arrived in the stage in the window"),
        DEPARTURES("departures", "visits that left the stage in the window; hours is their dwell"),
        WIP_AT_START("wipAtStart", "visits present in the stage at the window's start: arrived before it and "
                + "not yet departed; hours is their age there"),
        WIP_AT_END("wipAtEnd", "visits present in the stage at the window's end, measured at min(to, asOf); "
                + "hours is their age there"),
        SLA_BREACHES("slaBreaches", "departures whose dwell exceeded the SLA, plus visits in wipAtEnd whose age "
                + "at min(to, asOf) exceeds it");

        private final String field;
        private final String definition;

        StageFigure(String field, String definition) {
            this.field = field;
            this.definition = definition;
        }

        public String field() {
            return field;
        }

        public String definition() {
            return definition;
        }

        /** By its StageView field name, any letter case; null or blank is {@code entered}. */
        public static StageFigure fromParameter(String value) {
            if (value == null || value.isBlank()) {
                return ENTERED;
            }
            for (StageFigure figure : values()) {
                if (figure.field.equalsIgnoreCase(value.trim())) {
                    return figure;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", fields()) + ", was '"
                    + value + "'");
        }

        static List<String> fields() {
            List<String> fields = new ArrayList<>();
            for (StageFigure figure : values()) {
                fields.add(figure.field);
            }
            return fields;
        }
    }

    public static JourneysBehindView stage(FlowSnapshot snapshot, FlowQuery query, String stageId,
                                           StageFigure figure, int limit) {
        FlowStage stage = snapshot.map().stage(stageId).orElseThrow(() -> new IllegalArgumentException(
                "stage '" + stageId + "' is not on map " + snapshot.map().mapId()));
        if (figure == StageFigure.SLA_BREACHES && stage.sla() == null) {
            throw new IllegalArgumentException("stage '" + stageId + "' has no SLA, so it has no SLA breaches");
        }
        requireUngrouped(query);
        Window window = query.window();
        Instant until = window.measuredUntil(snapshot.cut().asOf());
        Duration sla = stage.sla();
        List<JourneyRowView> rows = new ArrayList<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            for (StageVisit visit : journey.visits()) {
                if (!visit.stageId().equals(stageId)) {
                    continue;
                }
                Duration measured = switch (figure) {
                    case ENTERED, ARRIVALS -> visit.arrivedIn(window) ? visit.ageAt(until) : null;
                    case DEPARTURES -> visit.departedIn(window) ? visit.duration() : null;
                    case WIP_AT_START -> window.from() != null && visit.presentAt(window.from())
                            ? visit.ageAt(window.from()) : null;
                    case WIP_AT_END -> visit.presentAt(window.to()) ? visit.ageAt(until) : null;
                    case SLA_BREACHES -> breach(visit, window, until, sla);
                };
                if (measured != null) {
                    rows.add(row(journey, visit, measured));
                    if (figure == StageFigure.ENTERED) {
                        break;
                    }
                }
            }
        }
        return result(figure.field(), figure.definition(), STAGE_SECTION, rows, limit);
    }

    /** A departure over the SLA (its dwell), or a visit waiting at the window's end past it (its age); else null. */
    private static Duration breach(StageVisit visit, Window window, Instant until, Duration sla) {
        if (visit.departedIn(window) && visit.duration().compareTo(sla) > 0) {
            return visit.duration();
        }
        if (visit.presentAt(window.to()) && visit.ageAt(until).compareTo(sla) > 0) {
            return visit.ageAt(until);
        }
        return null;
    }

    public static JourneysBehindView transition(FlowSnapshot snapshot, FlowQuery query, String fromStage,
                                                String toStage, int limit) {
        for (String stageId : List.of(fromStage, toStage)) {
            if (snapshot.map().stage(stageId).isEmpty()) {
                throw new IllegalArgumentException("stage '" + stageId + "' is not on map "
                        + snapshot.map().mapId());
            }
        }
        requireUngrouped(query);
        List<JourneyRowView> rows = new ArrayList<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            for (StageTransition t : journey.transitions()) {
                if (t.fromStage().equals(fromStage) && t.toStage().equals(toStage) && query.window().contains(t.at())) {
                    JourneyDimensions d = journey.dimensions();
                    rows.add(new JourneyRowView(journey.journeyId(), fromStage, toStage, t.fromEnteredAt(), t.at(),
                            StageVisit.State.CLOSED.name(), Stats.hours(t.duration()), d.channel(), d.segment(),
                            d.campaign(), d.owner()));
                }
            }
        }
        return result("count", "transitions " + fromStage + " → " + toStage + " whose arrival in " + toStage
                + " is in the window; hours is the time from entering " + fromStage, TRANSITION_SECTION, rows, limit);
    }

    private static void requireUngrouped(FlowQuery query) {
        if (query.groupBy() != null) {
            throw new IllegalArgumentException("the journeys behind a figure are not grouped; filter by "
                    + query.groupBy().dimension().name() + " instead");
        }
    }

    private static JourneyRowView row(JourneyFlow journey, StageVisit visit, Duration measured) {
        JourneyDimensions d = journey.dimensions();
        return new JourneyRowView(journey.journeyId(), visit.stageId(), visit.nextStage(), visit.entered(),
                visit.exited(), visit.state().name(), Stats.hours(measured), d.channel(), d.segment(), d.campaign(),
                d.owner());
    }

    private static JourneysBehindView result(String figure, String definition, String section,
                                             List<JourneyRowView> rows, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        rows.sort(LONGEST_FIRST);
        return new JourneysBehindView(figure, definition, section, rows.size(),
                rows.subList(0, Math.min(limit, rows.size())));
    }
}

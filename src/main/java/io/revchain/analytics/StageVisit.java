package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;

/**
 * One stay of a journey in a stage, from its entry to the journey's next stage entry. {@code index} is the visit's
 * position in the journey (0 = first), stable while no earlier step arrives, so "journeyId/index" keys a visit.
 * The predicates here are the single source of the window conventions used by every metric and by the frames.
 */
public record StageVisit(String journeyId, int index, String stageId, String entryStepId, Instant entered,
                         Instant exited, String nextStage, State state) {

    public enum State {
        /** No later stage entry: still in the stage at the cut. */
        OPEN,
        /** Left for {@code nextStage} at {@code exited}. */
        CLOSED,
        /** No later stage entry, but the stage is terminal: the journey is done, it is not waiting. */
        ENDED
    }

    /** The dwell of a closed visit; null while open or when the journey ended in the stage. */
    public Duration duration() {
        return duration(ElapsedTime.CALENDAR);
    }

    /** The dwell of a closed visit measured by {@code elapsed} (calendar or working time); null otherwise. */
    public Duration duration(ElapsedTime elapsed) {
        return state == State.CLOSED ? elapsed.between(entered, exited) : null;
    }

    /** Time in the stage from entry up to t (t is capped by the exit; an ended visit has no dwell). */
    public Duration ageAt(Instant t) {
        return ageAt(t, ElapsedTime.CALENDAR);
    }

    /** As {@link #ageAt(Instant)}, measured by {@code elapsed}. */
    public Duration ageAt(Instant t, ElapsedTime elapsed) {
        Instant until = switch (state) {
            case OPEN -> t;
            case CLOSED -> exited.isBefore(t) ? exited : t;
            case ENDED -> entered;
        };
        return until.isAfter(entered) ? elapsed.between(entered, until) : Duration.ZERO;
    }

    /**
     * In the stage at a window boundary: arrived before it and not departed before it (entered < t <= exited, or
     * open). Counting arrivals and departures in [from, to) then balances: WIP(to) = WIP(from) + arrivals -
     * departures - journeys that ended in the stage. A null boundary lies beyond every fact: only open visits count.
     */
    public boolean presentAt(Instant boundary) {
        if (boundary != null && !entered.isBefore(boundary)) {
            return false;
        }
        return switch (state) {
            case OPEN -> true;
            case CLOSED -> boundary != null && !exited.isBefore(boundary);
            case ENDED -> false;
        };
    }

    public boolean arrivedIn(Window window) {
        return window.contains(entered);
    }

    public boolean departedIn(Window window) {
        return state == State.CLOSED && window.contains(exited);
    }

    /** Time spent in the stage inside [from, until); a null from is open. Open visits run on to until. */
    public Duration timeInside(Instant from, Instant until) {
        return timeInside(from, until, ElapsedTime.CALENDAR);
    }

    /** As {@link #timeInside(Instant, Instant)}, measured by {@code elapsed}. */
    public Duration timeInside(Instant from, Instant until, ElapsedTime elapsed) {
        Instant start = from != null && from.isAfter(entered) ? from : entered;
        Instant end = switch (state) {
            case OPEN -> until;
            case CLOSED -> exited.isBefore(until) ? exited : until;
            case ENDED -> entered;
        };
        return end.isAfter(start) ? elapsed.between(start, end) : Duration.ZERO;
    }
}

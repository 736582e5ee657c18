package io.revchain.analytics;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A journey's path through a map under one cut: entries in order, the visits between them, the transitions (all
 * three in timeline order, so business time never decreases along them), the
 * visible steps the feedback loop reads (FeedbackRecorded, FeedbackActioned, LeadRejected), and every visible step,
 * all in timeline order, and when its last visible step that enters a stage happened (null without one; a repeat of
 * the current stage counts).
 */
public record JourneyFlow(String journeyId, JourneyDimensions dimensions, List<StageEntry> entries,
                          List<StageVisit> visits, List<StageTransition> transitions, List<StepFact> loopSteps,
                          List<StepFact> steps, Instant lastStageStepAt) {

    /**
     * The first visit a window starting at {@code from} can see (section 3 of docs/metrics.md): the last one entered
     * before {@code from}, which may still be open or leave inside the window; every earlier visit left before it.
     * 0 for a window without start. A journey that waits in one stage for years then costs a window one visit.
     */
    public int firstVisitSeenFrom(Instant from) {
        if (from == null) {
            return 0;
        }
        return Math.max(0, firstAtOrAfter(visits, from, StageVisit::entered) - 1);
    }

    /** The first entry at or after {@code from} (entries are in timeline order); 0 without start. */
    public int firstEntryFrom(Instant from) {
        return from == null ? 0 : firstAtOrAfter(entries, from, StageEntry::at);
    }

    /** The first transition at or after {@code from}; 0 without start. */
    public int firstTransitionFrom(Instant from) {
        return from == null ? 0 : firstAtOrAfter(transitions, from, StageTransition::at);
    }

    /** Binary search over items in time order: the index of the first at or after {@code t}, or the size. */
    private static <T> int firstAtOrAfter(List<T> items, Instant t, Function<T, Instant> at) {
        int low = 0;
        int high = items.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at.apply(items.get(mid)).isBefore(t)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}

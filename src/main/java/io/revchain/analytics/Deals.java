package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The deal facts of a journey under its cut, read from its visible steps in timeline order. */
final class Deals {

    static final String OPENED = "OpportunityOpened";
    static final String WON = "DealWon";
    static final String LOST = "DealLost";
    static final String DISQUALIFIED = "LeadDisqualified";
    static final String QUALIFIED = "LeadQualified";
    static final String ACCEPTED = "LeadAccepted";
    static final String REJECTED = "LeadRejected";
    static final String CAPTURED = "LeadCaptured";
    static final String ASSET_USED = "AssetUsed";
    static final Set<String> OUTCOMES = Set.of(WON, LOST, DISQUALIFIED);

    private Deals() {
    }

    /** The first visible step of the type, or null. */
    static StepFact first(JourneyFlow journey, String type) {
        for (StepFact step : journey.steps()) {
            if (step.type().equals(type)) {
                return step;
            }
        }
        return null;
    }

    /** The first visible terminal outcome: DealWon, DealLost or LeadDisqualified. */
    static StepFact outcome(JourneyFlow journey) {
        for (StepFact step : journey.steps()) {
            if (OUTCOMES.contains(step.type())) {
                return step;
            }
        }
        return null;
    }

    /** True when a visible step of the type occurred in the window. */
    static boolean anyIn(JourneyFlow journey, String type, Window window) {
        for (StepFact step : journey.steps()) {
            if (step.type().equals(type) && window.contains(step.occurredAt())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Days from the journey's first visible step to the outcome; null when the outcome is its first step, since
     * then the journey's start is unknown.
     */
    static Double cycleDays(JourneyFlow journey, StepFact outcome) {
        List<StepFact> steps = journey.steps();
        if (steps.isEmpty() || steps.get(0) == outcome) {
            return null;
        }
        return days(Duration.between(steps.get(0).occurredAt(), outcome.occurredAt()));
    }

    static double days(Duration d) {
        return Stats.hours(d) / 24.0;
    }

    /** Whether the journey entered the stage at or before {@code t}. */
    static boolean enteredBy(JourneyFlow journey, String stageId, Instant t) {
        for (StageEntry entry : journey.entries()) {
            if (entry.at().isAfter(t)) {
                return false;
            }
            if (entry.stageId().equals(stageId)) {
                return true;
            }
        }
        return false;
    }

    /** Ratio of two counts; null when the denominator is 0 (undefined, not 0). */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}

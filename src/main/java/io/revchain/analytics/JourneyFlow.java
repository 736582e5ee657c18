package io.revchain.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A journey's path through a map under one cut: entries in order, the visits between them, the transitions, the
 * visible steps the feedback loop reads (FeedbackRecorded, FeedbackActioned, LeadRejected), and every visible step,
 * all in timeline order, and when its last visible step that enters a stage happened (null without one; a repeat of
 * the current stage counts).
 */
public record JourneyFlow(String journeyId, JourneyDimensions dimensions, List<StageEntry> entries,
                          List<StageVisit> visits, List<StageTransition> transitions, List<StepFact> loopSteps,
                          List<StepFact> steps, Instant lastStageStepAt) {
}

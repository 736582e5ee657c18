package io.revchain.analytics;

/**
 * Service feedback recorded in the window and how much of it marketing actioned (up to the cut); rate and median null
 * when there is nothing to divide or no action yet.
 */
public record FeedbackLoopView(String group, long recorded, long actioned, Double actionedRate,
                               Double medianHoursToAction) {
}

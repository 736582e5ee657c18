package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;

/**
 * Service feedback recorded in the window and how much of it marketing actioned (up to the cut); rate and median null
 * when there is nothing to divide or no action yet.
 */
public record FeedbackLoopView(String group, long recorded, long actioned, @Rounded(RATIO) Double actionedRate,
                               @Rounded(HOURS) Double medianHoursToAction) {
}

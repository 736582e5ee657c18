package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;

import io.revchain.system.web.Rounded;

/**
 * Directly-follows A to B counted in the window of arrival at B, with the durations t(B) - t(A). {@code handoff} is true
 * when the stages' owners differ; {@code handoffOwner} is the function the map holds accountable for it, if defined.
 */
public record TransitionView(String group, String fromStage, String toStage, long count,
                             @Rounded(HOURS) Double meanHours, @Rounded(HOURS) Double medianHours,
                             @Rounded(HOURS) Double p90Hours,
                             boolean handoff, String handoffOwner) {
}

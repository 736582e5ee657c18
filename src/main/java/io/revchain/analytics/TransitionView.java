package io.revchain.analytics;

/**
 * Directly-follows A to B counted in the window of arrival at B, with the durations t(B) - t(A). {@code handoff} is true
 * when the stages' owners differ; {@code handoffOwner} is the function the map holds accountable for it, if defined.
 */
public record TransitionView(String group, String fromStage, String toStage, long count,
                             Double meanHours, Double medianHours, Double p90Hours,
                             boolean handoff, String handoffOwner) {
}

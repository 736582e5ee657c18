package io.revchain.analytics;

/** How many A to B transitions arrived at B within one frame. */
public record TransitionCountView(String fromStage, String toStage, long count) {
}

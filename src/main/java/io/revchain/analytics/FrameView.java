package io.revchain.analytics;

import java.time.Instant;
import java.util.List;

/** One time step [start, end) of a replay: per-stage flow in the step and the transitions completed in it. */
public record FrameView(int index, Instant start, Instant end, List<StageFrameView> stages,
                        List<TransitionCountView> transitions) {
}

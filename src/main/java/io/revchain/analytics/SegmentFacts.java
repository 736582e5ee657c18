package io.revchain.analytics;

import java.util.List;
import java.util.Objects;

/**
 * Every step known for one segment (SegmentProfiled, SegmentProfileRevised), in any order and bitemporal like
 * journey steps, so that a cut sees a segment's profile as it was known.
 */
public record SegmentFacts(String segmentId, List<StepFact> steps) {

    public SegmentFacts {
        Objects.requireNonNull(segmentId, "segmentId");
        steps = List.copyOf(steps);
    }
}

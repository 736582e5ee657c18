package io.revchain.segment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records steps of one segment in order, in one go: the unit the step intake dispatches per segment. */
public record RecordSegmentSteps(String segmentId, List<SegmentStep> steps) {

    public RecordSegmentSteps {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a command records at least one step");
        }
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Segment.aggregateId(segmentId);
    }
}

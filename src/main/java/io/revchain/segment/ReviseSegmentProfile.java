package io.revchain.segment;

import java.time.Instant;
import java.util.Map;

public record ReviseSegmentProfile(String stepId, Instant occurredAt, String name, Map<String, String> attributes)
        implements SegmentStep {

    @Override
    public SegmentEvent toEvent(String segmentId) {
        return new SegmentProfileRevised(segmentId, name, attributes, occurredAt, stepId);
    }
}

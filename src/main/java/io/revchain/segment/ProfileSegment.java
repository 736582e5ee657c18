package io.revchain.segment;

import java.time.Instant;
import java.util.Map;

public record ProfileSegment(String stepId, Instant occurredAt, String name, Map<String, String> attributes)
        implements SegmentStep {

    @Override
    public SegmentEvent toEvent(String segmentId) {
        return new SegmentProfiled(segmentId, name, attributes, occurredAt, stepId);
    }
}

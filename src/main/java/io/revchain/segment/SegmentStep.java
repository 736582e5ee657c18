package io.revchain.segment;

import java.time.Instant;

/** One step for a segment inside {@link RecordSegmentSteps}; {@code stepId} makes it idempotent. */
public sealed interface SegmentStep permits ProfileSegment, ReviseSegmentProfile {

    String stepId();

    Instant occurredAt();

    SegmentEvent toEvent(String segmentId);
}

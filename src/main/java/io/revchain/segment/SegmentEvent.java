package io.revchain.segment;

import java.time.Instant;
import java.util.Map;

/** Everything that happens to a segment; {@code occurredAt} is business time. */
public sealed interface SegmentEvent permits SegmentProfiled, SegmentProfileRevised {

    String segmentId();

    Map<String, String> attributes();

    Instant occurredAt();

    String stepId();
}

package io.revchain.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Marketing described a target segment; {@code attributes} is its profile (industry, size, region, persona, needs). */
public record SegmentProfiled(String segmentId,
                              String name,
                              Map<String, String> attributes,
                              Instant occurredAt,
                              String stepId) implements SegmentEvent {

    public SegmentProfiled {
        Objects.requireNonNull(segmentId, "segmentId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

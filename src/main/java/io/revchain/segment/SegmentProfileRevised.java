package io.revchain.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Marketing changed a segment's profile, for instance after acting on feedback. {@code name} is null when unchanged;
 * {@code attributes} holds only the attributes that changed, with their new values.
 */
public record SegmentProfileRevised(String segmentId,
                                    String name,
                                    Map<String, String> attributes,
                                    Instant occurredAt,
                                    String stepId) implements SegmentEvent {

    public SegmentProfileRevised {
        Objects.requireNonNull(segmentId, "segmentId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

package io.revchain.step;

import java.util.Map;

/**
 * One step of the chain as integrations and imports send it. Exactly one of {@code journeyId}, {@code segmentId},
 * {@code campaignId} names the object the step belongs to. {@code occurredAt} is kept as text so that a bad timestamp
 * is reported as a field error rather than failing the whole body.
 */
public record StepRequest(String stepId,
                          String type,
                          String occurredAt,
                          String journeyId,
                          String segmentId,
                          String campaignId,
                          Map<String, Object> attributes) {

    public StepRequest {
        attributes = attributes == null ? Map.of() : attributes;
    }
}

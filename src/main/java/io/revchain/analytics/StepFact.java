package io.revchain.analytics;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded step of a journey, bitemporal: {@code occurredAt} is business time, {@code recordedAt} when revchain
 * learned it, {@code recordSeq} the global recording order that breaks ties between equal business times.
 */
public record StepFact(String stepId, String type, Instant occurredAt, Instant recordedAt, long recordSeq,
                       Map<String, String> attributes) {

    public StepFact {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        attributes = copyWithoutNulls(attributes);
    }

    /** The attribute, or null when absent or blank: partial data often carries empty strings. */
    public String attribute(String key) {
        String value = attributes.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, String> copyWithoutNulls(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        boolean hasNull = false;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            hasNull |= e.getKey() == null || e.getValue() == null;
        }
        if (!hasNull) {
            return Map.copyOf(attributes);
        }
        Map<String, String> kept = new HashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null && v != null) {
                kept.put(k, v);
            }
        });
        return Map.copyOf(kept);
    }
}

package io.revchain.analytics;

import java.time.Instant;
import java.util.Map;

/** One visible step of a journey in timeline order; {@code entersStage} is the stage it entered, if any. */
public record JourneyStepView(String stepId, String type, Instant occurredAt, Instant recordedAt,
                              String entersStage, Map<String, String> attributes) {
}

package io.revchain.analytics;

import java.time.Instant;

/** A journey entering a stage: the step that entered it and when (business time). */
public record StageEntry(String journeyId, String stageId, String stepId, Instant at, long recordSeq) {
}

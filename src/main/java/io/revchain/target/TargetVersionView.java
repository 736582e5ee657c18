package io.revchain.target;

import java.time.Instant;

/** One version of a map's target plan: when it was recorded, the event, the quarter and what happened in words. */
public record TargetVersionView(long version, Instant recordedAt, String event, String quarter, String change) {
}

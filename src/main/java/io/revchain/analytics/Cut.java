package io.revchain.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * Which facts exist for a query. {@code asOf} (business time) keeps steps with occurredAt <= asOf and is the instant
 * open dwells are aged to; the caller passes "now" for the default. {@code knownAt} (record time) keeps steps with
 * recordedAt <= knownAt; null means everything recorded.
 */
public record Cut(Instant asOf, Instant knownAt) {

    public Cut {
        Objects.requireNonNull(asOf, "asOf");
    }

    public static Cut asOf(Instant asOf) {
        return new Cut(asOf, null);
    }

    public boolean sees(StepFact step) {
        return !step.occurredAt().isAfter(asOf) && (knownAt == null || !step.recordedAt().isAfter(knownAt));
    }

    /** True when no step with these latest times is hidden, so a journey's complete flow can be reused. */
    boolean seesAll(Instant latestOccurredAt, Instant latestRecordedAt) {
        return !latestOccurredAt.isAfter(asOf) && (knownAt == null || !latestRecordedAt.isAfter(knownAt));
    }
}

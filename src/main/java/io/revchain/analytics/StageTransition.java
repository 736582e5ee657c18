package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;

/** Two consecutive stage entries of one journey (directly-follows): entered fromStage, then toStage at {@code at}. */
public record StageTransition(String journeyId, String fromStage, String toStage, Instant fromEnteredAt, Instant at) {

    public Duration duration() {
        return Duration.between(fromEnteredAt, at);
    }

    /** The time from the entry into fromStage to this transition, measured by {@code elapsed}. */
    public Duration duration(ElapsedTime elapsed) {
        return elapsed.between(fromEnteredAt, at);
    }
}

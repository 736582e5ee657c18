package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;

/** Two consecutive stage entries of one journey (directly-follows): entered fromStage, then toStage at {@code at}. */
public record StageTransition(String journeyId, String fromStage, String toStage, Instant fromEnteredAt, Instant at) {

    public Duration duration() {
        return Duration.between(fromEnteredAt, at);
    }
}

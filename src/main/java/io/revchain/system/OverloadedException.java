package io.revchain.system;

import java.time.Duration;

/** A pool of {@link Workloads} is full: the request was not started; answered 503 with {@code Retry-After}. */
public class OverloadedException extends RuntimeException {

    private final Duration retryAfter;

    OverloadedException(String pool, int capacity, Duration retryAfter) {
        super("The service is busy: all " + capacity + " places for " + pool + "s are taken. Nothing was done; "
                + "send the request again after " + Math.max(1, retryAfter.toSeconds()) + " s.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

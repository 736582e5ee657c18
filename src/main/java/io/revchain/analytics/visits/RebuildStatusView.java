package io.revchain.analytics.visits;

import io.revchain.system.web.Rounded;
import java.time.Instant;
import java.util.Map;

/**
 * Progress of the last read-model rebuild. {@code generation} is the one being (or last) built,
 * {@code activeGeneration} the one readers see now, named by {@code collections}. {@code totalEvents} is the store's
 * head sequence, refreshed as the rebuild catches up; {@code position} the last event read.
 */
record RebuildStatusView(State state,
                         Long generation,
                         long activeGeneration,
                         Map<String, String> collections,
                         long eventsProcessed,
                         long totalEvents,
                         long position,
                         @Rounded(Rounded.Scale.THROUGHPUT) Double eventsPerSecond,
                         Long estimatedSecondsLeft,
                         Instant startedAt,
                         Instant finishedAt,
                         String error) {

    enum State {
        /** No rebuild has run. */
        IDLE,
        /** Reading the event store into the new generation while the active one keeps answering. */
        RUNNING,
        /** Copying the last events and moving the pointer; the live projection waits meanwhile. */
        SWITCHING,
        /** The new generation is active. */
        COMPLETED,
        /** Stopped; the previous generation stayed active and up to date. {@code error} says what to do. */
        FAILED;

        boolean inProgress() {
            return this == RUNNING || this == SWITCHING;
        }
    }
}

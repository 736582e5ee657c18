package io.revchain.analytics.visits;

import io.revchain.system.web.Rounded;
import java.time.Instant;
import java.util.Map;

/**
 * Progress of the last read-model rebuild. {@code generation} is the one being (or last) built,
 * {@code activeGeneration} the one readers see now, named by {@code collections}. {@code totalEvents} is the store's
 * head sequence, refreshed as the rebuild catches up; {@code position} the last event read. {@code parkedEvents}
 * counts events that could not be handled and were parked (the generation lacks them); {@code warning} says so, and
 * what to do, on a rebuild that completed with parked events.
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
                         long parkedEvents,
                         String warning,
                         String error) {

    enum State {
        /** No rebuild has run. */
        IDLE,
        /** Reading the event store into the new generation while the active one keeps answering. */
        RUNNING,
        /** Copying the last events and moving the pointer; the live projection waits meanwhile. */
        SWITCHING,
        /** The new generation is active; with {@code parkedEvents} > 0, without those events ({@code warning}). */
        COMPLETED,
        /** Stopped; the previous generation stayed active. {@code error} says why and what to do. */
        FAILED;

        boolean inProgress() {
            return this == RUNNING || this == SWITCHING;
        }
    }
}

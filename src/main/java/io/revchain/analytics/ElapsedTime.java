package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;

/**
 * How the figures measure the time between two instants: calendar time (every second counts), or working time
 * under a {@link WorkCalendar} ({@link WorkingClock}). Dwell, time in stage, SLA ages and transition times go
 * through it, so that one read can switch between the two without another implementation of any figure.
 */
@FunctionalInterface
public interface ElapsedTime {

    /**
     * Every second counts: {@code Duration.between}, computed from the seconds and nanoseconds directly (the same
     * value; {@code Duration.between} goes through {@code Instant.until}, a sixth of a quarter's read in a profile).
     */
    ElapsedTime CALENDAR = (from, to) -> Duration.ofSeconds(to.getEpochSecond() - from.getEpochSecond(),
                                                            (long) to.getNano() - from.getNano());

    /** The time from {@code from} to {@code to}; negative when {@code to} is before {@code from}. */
    Duration between(Instant from, Instant to);
}

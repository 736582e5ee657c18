package io.revchain.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers since when each follower of the event stream has been at its position, as health sees it, so that a
 * projection that is behind and does not move for {@code revchain.health.stalled-after} (default 2 minutes) is
 * reported as stalled instead of merely busy.
 */
@Component
public class ProgressWatch {

    /** A position and the first time it was seen. */
    public record Seen(long position, Instant since) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Duration stalledAfter;
    private final Clock clock;

    @Autowired
    ProgressWatch(@Value("${revchain.health.stalled-after:2m}") Duration stalledAfter) {
        this(stalledAfter, Clock.systemUTC());
    }

    public ProgressWatch(Duration stalledAfter, Clock clock) {
        this.stalledAfter = stalledAfter;
        this.clock = clock;
    }

    /** Notes {@code position} for {@code follower} and returns since when it has been there. */
    public Seen observe(String follower, long position) {
        return seen.compute(follower, (name, old) -> old != null && old.position() == position
                ? old : new Seen(position, clock.instant()));
    }

    /** True when {@code seen} is older than the stall threshold. */
    public boolean stalled(Seen seen) {
        return !seen.since().plus(stalledAfter).isAfter(clock.instant());
    }

    public Duration stalledAfter() {
        return stalledAfter;
    }

    public Instant now() {
        return clock.instant();
    }
}

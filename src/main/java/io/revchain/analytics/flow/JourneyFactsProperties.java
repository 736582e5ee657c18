package io.revchain.analytics.flow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The in-memory journey facts (docs/operations.md, "Journey facts"): their snapshot, and how much memory complete
 * flows may keep cached for map reads ({@code flowCache}; unset: a quarter of the maximum heap).
 */
@ConfigurationProperties("revchain.journey-facts")
public record JourneyFactsProperties(Snapshot snapshot, DataSize flowCache) {

    public JourneyFactsProperties {
        snapshot = snapshot == null ? new Snapshot(null, null, null, null) : snapshot;
    }

    /**
     * {@code enabled}: write snapshots (periodically and at shutdown); {@code load}: start from the stored snapshot;
     * {@code interval}: how often to consider writing one; {@code minEvents}: write only once the facts have moved
     * this many events past the stored snapshot.
     */
    public record Snapshot(Boolean enabled, Boolean load, Duration interval, Long minEvents) {

        public Snapshot {
            enabled = enabled == null || enabled;
            load = load == null || load;
            interval = interval == null ? Duration.ofMinutes(10) : interval;
            minEvents = minEvents == null ? 10_000L : minEvents;
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("revchain.journey-facts.snapshot.interval must be positive");
            }
            if (minEvents < 1) {
                throw new IllegalArgumentException("revchain.journey-facts.snapshot.min-events must be at least 1");
            }
        }
    }

    /** The flow cache's size in bytes. */
    public long flowCacheBytes() {
        return flowCache != null ? flowCache.toBytes() : Runtime.getRuntime().maxMemory() / 4;
    }
}

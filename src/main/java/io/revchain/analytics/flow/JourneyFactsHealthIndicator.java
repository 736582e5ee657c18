package io.revchain.analytics.flow;

import io.revchain.system.ParkedEvents;
import io.revchain.system.ProcessorGuards;
import io.revchain.system.ProgressWatch;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Whether this node's journey facts are loaded, how many events they trail the store by, and whether they still
 * move: facts that are behind with events waiting and have not advanced for {@code revchain.health.stalled-after}
 * are DOWN, as is a follower that keeps failing to read the stream.
 */
@Component("journeyFacts")
class JourneyFactsHealthIndicator extends AbstractHealthIndicator {

    private static final int LOOK_AHEAD = 100;

    private final JourneyFactIndex index;
    private final MongoEventStorageEngine storageEngine;
    private final ParkedEvents parked;
    private final ProcessorGuards guards;
    private final ProgressWatch watch;
    private final MapFacts facts;

    JourneyFactsHealthIndicator(JourneyFactIndex index, MongoEventStorageEngine storageEngine, ParkedEvents parked,
                                ProcessorGuards guards, ProgressWatch watch, MapFacts facts) {
        this.index = index;
        this.facts = facts;
        this.storageEngine = storageEngine;
        this.parked = parked;
        this.guards = guards;
        this.watch = watch;
    }

    /** The snapshot this node started from and the last one it wrote: position, age, how long reading it took. */
    private Map<String, Object> snapshot() {
        Map<String, Object> details = new LinkedHashMap<>();
        JourneyFactIndex.SnapshotInfo loaded = index.loadedSnapshot();
        JourneyFactIndex.SnapshotInfo written = index.writtenSnapshot();
        details.put("loadedAtStart", loaded == null ? null : describe(loaded, "loadMillis"));
        details.put("lastWritten", written == null ? null : describe(written, "writeMillis"));
        JourneyFactIndex.SnapshotInfo latest = written != null ? written : loaded;
        details.put("position", latest == null ? null : latest.position());
        details.put("ageSeconds", latest == null || latest.writtenAt() == null ? null
                : Duration.between(latest.writtenAt(), index.now()).toSeconds());
        if (index.snapshotProblem() != null) {
            details.put("problem", index.snapshotProblem());
        }
        return details;
    }

    private Map<String, Object> describe(JourneyFactIndex.SnapshotInfo info, String millisName) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("snapshotId", info.snapshotId());
        d.put("position", info.position());
        d.put("writtenAt", info.writtenAt() == null ? null : info.writtenAt().toString());
        d.put("writtenBy", info.writtenBy());
        d.put("journeys", info.journeys());
        d.put("steps", info.steps());
        d.put("bytes", info.bytes());
        d.put(millisName, info.millis());
        return d;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = storageEngine.headSequence();
        long position = index.position();
        long lag = Math.max(0, head - position);
        ProgressWatch.Seen seen = watch.observe(JourneyFactIndex.PROCESSOR, position);
        boolean waiting = lag > 0 && storageEngine.nextEventAfter(position, LOOK_AHEAD).isPresent();
        boolean stalled = waiting && watch.stalled(seen);
        long parkedCount = parked.parkedCounts().getOrDefault(JourneyFactIndex.PROCESSOR, 0L);
        var failure = guards.lastFailure(JourneyFactIndex.PROCESSOR);
        builder.withDetail("loaded", index.isLoaded())
               .withDetail("state", !index.isRunning() ? "STOPPED" : stalled ? "STALLED"
                       : index.isRetrying() ? "RETRYING" : !index.isLoaded() ? "LOADING"
                       : waiting ? "CATCHING_UP" : "RUNNING")
               .withDetail("journeys", index.journeyCount())
               .withDetail("steps", index.stepCount())
               .withDetail("heapBytes", index.heapBytes())
               .withDetail("position", position)
               .withDetail("lag", lag)
               .withDetail("unchangedSince", seen.since().toString())
               .withDetail("stalled", stalled)
               .withDetail("parked", parkedCount)
               .withDetail("snapshot", snapshot())
               .withDetail("flowCache", facts.cacheDetails());
        failure.ifPresent(f -> builder.withDetail("lastError", f.error()).withDetail("lastErrorAt", f.at().toString()));
        if (stalled || index.isRetrying()) {
            builder.down().withDetail("hint", "The journey facts " + (stalled ? "have not advanced for "
                    + Duration.between(seen.since(), watch.now()).toSeconds() + " s while " + lag
                    + " events are ahead" : "cannot read the event stream") + (index.isRetrying()
                    ? "; reading is retried with back-off (see lastError and the log)" : "")
                    + ". If the database is unreachable this resolves itself once it is back; otherwise look in the "
                    + "log for 'Journey facts', fix the cause and restart the node. Map reads answer from the facts "
                    + "loaded so far.");
        } else if (index.isLoaded()) {
            builder.up();
            if (parkedCount > 0) {
                builder.withDetail("hint", parkedCount + " events could not be turned into facts and were parked; "
                        + "figures leave them out. See GET /api/admin/parked-events (docs/operations.md).");
            }
        } else {
            builder.outOfService().withDetail("hint", "Still reading the event stream after a start; map reads "
                    + "answer 503 until it is done. Progress is in the log.");
        }
    }
}

package io.revchain.system;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the event store and of every projection (streaming processor). The store answers; each processor runs;
 * its position is read from the token store for every segment, whoever holds it, so a segment that was released
 * after a failure, or never claimed, counts as behind ({@code lag} = head minus its position, 0 for no token).
 * A processor that is behind with events waiting and has not moved for {@code revchain.health.stalled-after} is
 * stalled: DOWN when this node holds it or nobody does. Events it parked are counted.
 */
@Component("eventStore")
class EventStoreHealthIndicator extends AbstractHealthIndicator {

    static final String TOKENS = "trackingtokens";
    /** MongoTokenStore's default claim timeout: a claim not renewed for this long may be taken over. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    /** How far past a processor's position health looks for a written event it has not handled. */
    private static final int LOOK_AHEAD = 100;

    private final MongoDatabase database;
    private final MongoCollection<Document> tokens;
    private final MongoEventStorageEngine storageEngine;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;
    private final ProcessorGuards guards;
    private final ParkedEvents parked;
    private final ProgressWatch watch;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    EventStoreHealthIndicator(MongoDatabase database, MongoEventStorageEngine storageEngine,
                              EventProcessingConfiguration processing, Serializer serializer,
                              ProcessorGuards guards, ParkedEvents parked, ProgressWatch watch) {
        super("Event store check failed");
        this.database = database;
        this.tokens = database.getCollection(TOKENS);
        this.storageEngine = storageEngine;
        this.processing = processing;
        this.serializer = serializer;
        this.guards = guards;
        this.parked = parked;
        this.watch = watch;
    }

    /** One segment's token as the token store holds it. */
    private record SegmentToken(int segment, Long position, String owner, Instant claimedAt) {

        boolean claimActive(Instant now) {
            return owner != null && claimedAt != null && claimedAt.plus(CLAIM_TIMEOUT).isAfter(now);
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        long head = storageEngine.headSequence();
        builder.up().withDetail("headSequence", head);
        Map<String, Long> parkedCounts = parked.parkedCounts();
        Map<String, Object> processors = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                                                           .filter(StreamingEventProcessor.class::isInstance)
                                                           .map(StreamingEventProcessor.class::cast).toList()) {
            processors.put(processor.getName(), check(processor, head, parkedCounts, problems));
        }
        builder.withDetail("processors", processors);
        long parkedTotal = parkedCounts.values().stream().mapToLong(Long::longValue).sum();
        builder.withDetail("parkedEvents", parkedTotal);
        if (!problems.isEmpty()) {
            builder.down().withDetail("hint", String.join(" ", problems));
        } else if (parkedTotal > 0) {
            builder.withDetail("hint", parkedTotal + " events could not be handled and were parked; the projections "
                    + "went on without them. See GET /api/admin/parked-events, fix the cause and retry them "
                    + "(docs/operations.md, Parked events).");
        }
    }

    private Map<String, Object> check(StreamingEventProcessor processor, long head, Map<String, Long> parkedCounts,
                                      List<String> problems) {
        String name = processor.getName();
        Instant now = watch.now();
        List<SegmentToken> segments = segments(processor);
        long position = segments.isEmpty() ? 0
                : segments.stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min().orElse(0);
        long lag = Math.max(0, head - position);
        ProgressWatch.Seen seen = watch.observe(name, position);

        boolean segmentError = false;
        String statusError = null;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            if (status.isErrorState()) {
                segmentError = true;
                statusError = status.getError() == null ? null : ProcessorGuards.describe(status.getError());
            }
        }
        Optional<ProcessorGuards.LastFailure> lastFailure = guards.lastFailure(name);
        boolean retrying = processor.isError() || segmentError || guards.failing(name);
        boolean waiting = lag > 0 && storageEngine.nextEventAfter(position, LOOK_AHEAD).isPresent();
        boolean stalled = waiting && watch.stalled(seen);
        boolean heldHereOrByNobody = segments.isEmpty()
                || segments.stream().anyMatch(s -> !s.claimActive(now) || node.equals(s.owner()));

        String state;
        if (!processor.isRunning()) {
            state = "STOPPED";
            problems.add(name + " is not running on this node (normal only during shutdown).");
        } else if (stalled) {
            state = "STALLED";
            if (heldHereOrByNobody) {
                problems.add(name + " has not advanced for " + Duration.between(seen.since(), now).toSeconds()
                        + " s at event " + position + " while " + lag + " events are ahead of it"
                        + (retrying ? ", retrying after failures (see lastError and the log)" : "")
                        + ". If the database is unreachable it resumes by itself once it is back; otherwise look "
                        + "in the log for '" + name + "' and its exception, fix the cause and restart.");
            }
        } else if (retrying) {
            state = "RETRYING";
            problems.add(name + " failed and is retrying with back-off (see lastError and the log); it resumes "
                    + "from its last token once the cause is gone, for example the database is reachable again.");
        } else {
            state = waiting ? "CATCHING_UP" : "RUNNING";
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state);
        detail.put("running", processor.isRunning());
        detail.put("error", retrying);
        detail.put("lag", lag);
        detail.put("position", position);
        detail.put("unchangedSince", seen.since().toString());
        detail.put("stalled", stalled);
        detail.put("parked", parkedCounts.getOrDefault(name, 0L));
        String error = statusError != null ? statusError : lastFailure.map(ProcessorGuards.LastFailure::error)
                                                                      .orElse(null);
        detail.put("lastError", error);
        detail.put("lastErrorAt", lastFailure.map(f -> f.at().toString()).orElse(null));
        List<Map<String, Object>> segmentDetails = new ArrayList<>();
        for (SegmentToken segment : segments) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("segment", segment.segment());
            s.put("position", segment.position());
            s.put("lag", Math.max(0, head - (segment.position() == null ? 0 : segment.position())));
            s.put("claimedBy", segment.claimActive(now) ? segment.owner() : null);
            s.put("claimedHere", segment.claimActive(now) && node.equals(segment.owner()));
            segmentDetails.add(s);
        }
        detail.put("segments", segmentDetails);
        return detail;
    }

    /**
     * Every segment of the processor in the token store; none when it never started anywhere. For a segment this
     * node is processing, its position in memory, which also moves past events the processor does not handle (the
     * stored token catches up only every few seconds then).
     */
    private List<SegmentToken> segments(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<SegmentToken> result = new ArrayList<>();
        for (Document document : tokens.find(Filters.eq("processorName", processor.getName()))) {
            Number segment = document.get("segment", Number.class);
            if (segment == null) {
                continue;
            }
            Long position = position(document);
            EventTrackerStatus status = local.get(segment.intValue());
            if (status != null && status.getCurrentPosition().isPresent()) {
                long here = status.getCurrentPosition().getAsLong();
                position = position == null ? here : Math.max(position, here);
            }
            Number timestamp = document.get("timestamp", Number.class);
            result.add(new SegmentToken(segment.intValue(), position, document.getString("owner"),
                                        timestamp == null ? null : Instant.ofEpochMilli(timestamp.longValue())));
        }
        result.sort(Comparator.comparingInt(SegmentToken::segment));
        return result;
    }

    private Long position(Document document) {
        Binary token = document.get("token", Binary.class);
        String type = document.getString("tokenType");
        if (token == null || type == null) {
            return null;
        }
        TrackingToken deserialized = serializer.deserialize(
                new SimpleSerializedObject<>(token.getData(), byte[].class, type, null));
        return deserialized == null ? null : deserialized.position().stream().boxed().findFirst().orElse(null);
    }
}

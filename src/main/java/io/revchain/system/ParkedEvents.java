package io.revchain.system;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Events that a projection could not handle, parked in {@value #COLLECTION} so that the projection goes on with the
 * next event: an event store is forever, and one event that always fails must not stop a read model for good.
 * <p>
 * Only failures of the event's own handling are parked, after {@code revchain.projections.attempts} attempts;
 * infrastructure failures ({@link Failures#isInfrastructure}) propagate and are retried until they pass. One
 * document per projection and event ({@code _id: "<processor>:<sequence>"}); a later failure of the same event
 * adds to its attempts. An entry is {@code RESOLVED} once the event was handled after all (a retry, a later read).
 */
@Component
public class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    public static final String COLLECTION = "parked_events";
    private static final int MAX_MESSAGE = 2_000;
    private static final ThreadLocal<Boolean> RETRYING = ThreadLocal.withInitial(() -> false);

    public enum State { PARKED, RESOLVED }

    /** Where an event is in the store and what it is. */
    public record EventRef(long sequence, String eventId, String payloadType, String aggregateId) {

        /** Reads only what needs no deserialization of the payload, which may be what fails. */
        public static EventRef of(EventMessage<?> message) {
            long sequence = message instanceof TrackedEventMessage<?> tracked
                    ? tracked.trackingToken().position().orElse(-1L) : -1L;
            String aggregateId = message instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : null;
            String payloadType;
            try {
                payloadType = message.getPayloadType().getName();
            } catch (RuntimeException unknownType) {
                payloadType = "(unknown: " + unknownType.getMessage() + ")";
            }
            return new EventRef(sequence, message.getIdentifier(), payloadType, aggregateId);
        }
    }

    /** Handling of one event, as often as asked. */
    @FunctionalInterface
    public interface Handling {
        void run() throws Exception;
    }

    private final MongoCollection<Document> parked;
    private final StoreDurability durability;
    private final int attempts;
    private final Duration pause;
    private final Clock clock = Clock.systemUTC();

    ParkedEvents(MongoDatabase database, StoreDurability durability,
                 @Value("${revchain.projections.attempts:3}") int attempts,
                 @Value("${revchain.projections.retry-pause:100ms}") Duration pause) {
        this.parked = database.getCollection(COLLECTION);
        this.durability = durability;
        this.attempts = Math.max(1, attempts);
        this.pause = pause;
    }

    /**
     * Handles one event for {@code processor}: runs {@code handling} (unless {@code failure} says the first attempt
     * already failed), retries a failure of the event's own handling up to the configured attempts with a short
     * pause, then parks the event. Returns true when handled, false when parked. Infrastructure failures are thrown
     * at once, for the caller to retry with back-off, as is any failure while an operator retries by hand.
     */
    public boolean handleOrPark(String processor, EventRef event, Exception failure, Handling handling)
            throws Exception {
        Exception last = failure;
        int tried = failure == null ? 0 : 1;
        while (true) {
            if (last != null) {
                if (RETRYING.get() || Failures.isInfrastructure(last)) {
                    throw last;
                }
                if (tried >= attempts) {
                    park(processor, event, last, tried);
                    return false;
                }
                Thread.sleep(pause.toMillis() * tried);
            }
            try {
                tried++;
                handling.run();
                if (tried > 1) {
                    log.info("Projection {}: event {} was handled at attempt {}", processor, event.sequence(), tried);
                }
                return true;
            } catch (Exception e) {
                last = e;
            }
        }
    }

    /** Records that {@code processor} went past {@code event} after {@code tried} failed attempts. */
    public void park(String processor, EventRef event, Throwable error, int tried) {
        Date now = Date.from(clock.instant());
        String message = String.valueOf(error.getMessage());
        parked.updateOne(Filters.eq("_id", id(processor, event.sequence())),
                         Updates.combine(Updates.set("processor", processor),
                                         Updates.set("state", State.PARKED.name()),
                                         Updates.set("sequence", event.sequence()),
                                         Updates.set("eventId", event.eventId()),
                                         Updates.set("payloadType", event.payloadType()),
                                         Updates.set("aggregateId", event.aggregateId()),
                                         Updates.set("errorClass", error.getClass().getName()),
                                         Updates.set("errorMessage", message.length() > MAX_MESSAGE
                                                 ? message.substring(0, MAX_MESSAGE) + "..." : message),
                                         Updates.inc("attempts", (long) tried),
                                         Updates.setOnInsert("firstFailureAt", now),
                                         Updates.set("lastFailureAt", now),
                                         Updates.unset("resolvedAt"), Updates.unset("resolution")),
                         new UpdateOptions().upsert(true));
        durability.commit();
        log.error("Projection {} parked event {} ({}, {}, aggregate {}) after {} failed attempts and goes on with "
                          + "the next event. Fix the cause, then retry it with POST /api/admin/parked-events/{}/retry "
                          + "(see docs/operations.md, Parked events).", processor, event.sequence(),
                  event.payloadType(), event.eventId(), event.aggregateId(), tried,
                  id(processor, event.sequence()), error);
    }

    /** Marks a parked event handled after all; false if it was not parked. */
    public boolean resolve(String processor, long sequence, String resolution) {
        boolean changed = parked.updateOne(Filters.and(Filters.eq("_id", id(processor, sequence)),
                                                       Filters.eq("state", State.PARKED.name())),
                                           resolved(resolution)).getModifiedCount() > 0;
        if (changed) {
            durability.commit();
            log.info("Projection {}: parked event {} is resolved: {}", processor, sequence, resolution);
        }
        return changed;
    }

    /**
     * Marks every event {@code processor} parked up to {@code sequence} as handled, except {@code stillFailing}: a
     * rebuild that handled them wrote them into the generation it made active. Returns how many.
     */
    public int resolveUpTo(String processor, long sequence, Set<Long> stillFailing, String resolution) {
        int count = 0;
        for (Document document : parked.find(Filters.and(Filters.eq("processor", processor),
                                                         Filters.eq("state", State.PARKED.name())))) {
            long at = document.get("sequence", Number.class).longValue();
            if (at <= sequence && !stillFailing.contains(at)) {
                count += (int) parked.updateOne(Filters.eq("_id", document.getString("_id")), resolved(resolution))
                                     .getModifiedCount();
            }
        }
        if (count > 0) {
            durability.commit();
            log.info("Projection {}: {} parked events resolved: {}", processor, count, resolution);
        }
        return count;
    }

    private Bson resolved(String resolution) {
        return Updates.combine(Updates.set("state", State.RESOLVED.name()),
                               Updates.set("resolvedAt", Date.from(clock.instant())),
                               Updates.set("resolution", resolution));
    }

    /** Records another failed attempt of a parked event, for example a retry by hand. */
    void failedAgain(String id, Throwable error) {
        String message = String.valueOf(error.getMessage());
        parked.updateOne(Filters.eq("_id", id),
                         Updates.combine(Updates.inc("attempts", 1L),
                                         Updates.set("errorClass", error.getClass().getName()),
                                         Updates.set("errorMessage", message.length() > MAX_MESSAGE
                                                 ? message.substring(0, MAX_MESSAGE) + "..." : message),
                                         Updates.set("lastFailureAt", Date.from(clock.instant()))));
        durability.commit();
    }

    /** Every entry in {@code state} (all when null), oldest event first. */
    public List<ParkedEventView> list(State state) {
        List<ParkedEventView> views = new ArrayList<>();
        Bson filter = state == null ? new Document() : Filters.eq("state", state.name());
        for (Document document : parked.find(filter)) {
            views.add(view(document));
        }
        views.sort(Comparator.comparingLong(ParkedEventView::sequence).thenComparing(ParkedEventView::processor));
        return views;
    }

    /** How many events each processor has parked and not resolved. */
    public Map<String, Long> parkedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Document document : parked.find(Filters.eq("state", State.PARKED.name()))) {
            counts.merge(document.getString("processor"), 1L, Long::sum);
        }
        return counts;
    }

    /** The positions of the events {@code processor} has parked and not resolved. */
    public Set<Long> parkedSequences(String processor) {
        Set<Long> sequences = new HashSet<>();
        for (Document document : parked.find(Filters.and(Filters.eq("processor", processor),
                                                         Filters.eq("state", State.PARKED.name())))) {
            sequences.add(document.get("sequence", Number.class).longValue());
        }
        return sequences;
    }

    public Optional<ParkedEventView> find(String id) {
        return Optional.ofNullable(parked.find(Filters.eq("_id", id)).first()).map(ParkedEvents::view);
    }

    /** Runs {@code work} as an operator's retry: failures are thrown to the operator instead of being parked. */
    static <T> T retrying(Callable<T> work) throws Exception {
        RETRYING.set(true);
        try {
            return work.call();
        } finally {
            RETRYING.remove();
        }
    }

    static String id(String processor, long sequence) {
        return processor + ":" + sequence;
    }

    private static ParkedEventView view(Document d) {
        return new ParkedEventView(d.getString("_id"), d.getString("processor"), d.getString("state"),
                                   d.get("sequence", Number.class).longValue(), d.getString("eventId"),
                                   d.getString("payloadType"), d.getString("aggregateId"), d.getString("errorClass"),
                                   d.getString("errorMessage"), d.get("attempts", Number.class).longValue(),
                                   instant(d, "firstFailureAt"), instant(d, "lastFailureAt"),
                                   instant(d, "resolvedAt"), d.getString("resolution"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}

package io.revchain.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.UuidSessionIdGenerator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Browser sessions in MongoDB, so that any node serves any session. Spring Session's own MongoDB module has no
 * release for Spring Session 4 yet (only milestones), so this is the small part of it revchain needs, on the sync
 * driver: a session is one document found by its id ({@value #COLLECTION}: {@code _id}, {@code expiresAt},
 * attributes as name/value pairs of plain strings, numbers and booleans; revchain keeps only the principal's id
 * there, never a secret or a serialized object). A request in a session rewrites the document only when something
 * in it changed, or its last access is a minute old, so the page on the projector does not write on every poll.
 * Expired sessions are refused when read and swept every ten minutes.
 */
class MongoSessions implements ReactiveSessionRepository<MongoSessions.StoredSession>, AutoCloseable {

    static final String COLLECTION = "web_sessions";
    private static final Logger log = LoggerFactory.getLogger(MongoSessions.class);
    private static final Duration ACCESS_WRITE_EVERY = Duration.ofMinutes(1);

    private final MongoCollection<Document> sessions;
    private final Duration timeout;
    private final Disposable sweeper;

    MongoSessions(MongoDatabase database, Duration timeout) {
        this.sessions = database.getCollection(COLLECTION);
        this.timeout = timeout;
        this.sweeper = Schedulers.boundedElastic().schedulePeriodically(this::sweep, 10, 10,
                                                                        java.util.concurrent.TimeUnit.MINUTES);
    }

    /** A session and what of it is not stored yet. */
    static final class StoredSession implements Session {

        private final MapSession session;
        private String storedId;
        private Instant storedAccess;
        private boolean changed;

        private StoredSession(MapSession session, String storedId, Instant storedAccess) {
            this.session = session;
            this.storedId = storedId;
            this.storedAccess = storedAccess;
            this.changed = storedId == null;
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return session.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return session.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return session.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("Session attribute '" + name + "' is a "
                        + value.getClass().getName() + "; revchain stores only strings, numbers and booleans");
            }
            changed = true;
            session.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed |= session.getAttribute(name) != null;
            session.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return session.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            session.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return session.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed |= !interval.equals(session.getMaxInactiveInterval());
            session.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return session.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return session.isExpired();
        }

        private Instant expiresAt() {
            return session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
        }
    }

    @Override
    public Mono<StoredSession> createSession() {
        return Mono.fromSupplier(() -> {
            MapSession session = new MapSession(UuidSessionIdGenerator.getInstance());
            session.setMaxInactiveInterval(timeout);
            return new StoredSession(session, null, null);
        });
    }

    // Sessions are read and saved around every browser request, read or write: on Reactor's shared pool, not on
    // Workloads' read or write pool (SecurityConfiguration says why).
    @Override
    public Mono<Void> save(StoredSession session) {
        return Mono.<Void>fromRunnable(() -> store(session)).subscribeOn(Schedulers.boundedElastic());
    }

    private void store(StoredSession session) {
        if (session.changed) {
            if (session.storedId != null && !session.storedId.equals(session.getId())) {
                sessions.deleteOne(Filters.eq("_id", session.storedId));
            }
            sessions.replaceOne(Filters.eq("_id", session.getId()), document(session),
                                new ReplaceOptions().upsert(true));
            session.storedId = session.getId();
            session.storedAccess = session.getLastAccessedTime();
            session.changed = false;
        } else if (Duration.between(session.storedAccess, session.getLastAccessedTime())
                           .compareTo(ACCESS_WRITE_EVERY) >= 0) {
            sessions.updateOne(Filters.eq("_id", session.getId()),
                               Updates.combine(Updates.set("lastAccessedAt", Date.from(session.getLastAccessedTime())),
                                               Updates.set("expiresAt", Date.from(session.expiresAt()))));
            session.storedAccess = session.getLastAccessedTime();
        }
    }

    @Override
    public Mono<StoredSession> findById(String id) {
        return Mono.fromCallable(() -> {
            Document document = sessions.find(Filters.eq("_id", id)).first();
            if (document == null) {
                return null;
            }
            StoredSession session = session(document);
            if (session.isExpired()) {
                sessions.deleteOne(Filters.eq("_id", id));
                return null;
            }
            return session;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return Mono.<Void>fromRunnable(() -> sessions.deleteOne(Filters.eq("_id", id)))
                   .subscribeOn(Schedulers.boundedElastic());
    }

    private static Document document(StoredSession session) {
        List<Document> attributes = new ArrayList<>();
        for (String name : session.getAttributeNames()) {
            attributes.add(new Document("name", name).append("value", session.getAttribute(name)));
        }
        return new Document("_id", session.getId())
                .append("createdAt", Date.from(session.getCreationTime()))
                .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expiresAt", Date.from(session.expiresAt()))
                .append("attributes", attributes);
    }

    private StoredSession session(Document document) {
        MapSession session = new MapSession(document.getString("_id"));
        session.setSessionIdGenerator(UuidSessionIdGenerator.getInstance());
        session.setCreationTime(document.getDate("createdAt").toInstant());
        session.setLastAccessedTime(document.getDate("lastAccessedAt").toInstant());
        Number seconds = document.get("maxInactiveSeconds", Number.class);
        session.setMaxInactiveInterval(seconds == null ? timeout : Duration.ofSeconds(seconds.longValue()));
        for (Document attribute : document.getList("attributes", Document.class, List.of())) {
            session.setAttribute(attribute.getString("name"), attribute.get("value"));
        }
        return new StoredSession(session, session.getId(), session.getLastAccessedTime());
    }

    private void sweep() {
        try {
            long removed = sessions.deleteMany(Filters.lt("expiresAt", new Date())).getDeletedCount();
            if (removed > 0) {
                log.debug("Removed {} expired browser sessions", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired browser sessions (next try in ten minutes): {}", e.toString());
        }
    }

    @Override
    public void close() {
        sweeper.dispose();
    }
}

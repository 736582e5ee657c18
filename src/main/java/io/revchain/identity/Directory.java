package io.revchain.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import io.revchain.system.StoreDurability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Users and API keys by id ({@code user:<username>}, {@code key:<keyId>}), so that authenticating a request is one
 * point lookup. A read model of the user and key events: it never holds a secret (those are in {@link Credentials})
 * and can be rebuilt from the events, except {@code lastUsedAt}, which is operational. Every update is idempotent
 * and roles apply only when newer ({@code rolesSequence}), so the immediate and the catch-up processor may both
 * apply the same events.
 */
@Component
class Directory {

    static final String COLLECTION = "identity_principals";

    private final MongoCollection<Document> entries;
    private final StoreDurability durability;

    Directory(MongoDatabase database, StoreDurability durability) {
        this.entries = database.getCollection(COLLECTION);
        this.durability = durability;
    }

    Optional<DirectoryEntry> find(String id) {
        Document document = entries.find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(document).map(Directory::entry);
    }

    /** Every user or every key, by name; a scan, for the admin lists. */
    List<DirectoryEntry> all(Caller.Kind kind) {
        List<DirectoryEntry> result = new ArrayList<>();
        for (Document document : entries.find(Filters.eq("kind", kind.id()))) {
            result.add(entry(document));
        }
        result.sort(Comparator.comparing(DirectoryEntry::name).thenComparing(DirectoryEntry::id));
        return result;
    }

    void registered(String id, Caller.Kind kind, String name, String displayName, BusinessFunction function,
                    Set<Role> roles, Instant expiresAt, Instant at, Actor by, long sequence) {
        // What a registration sets never changes afterwards: applying it again is harmless.
        entries.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("kind", kind.id()),
                Updates.set("name", name),
                Updates.set("displayName", displayName),
                Updates.set("function", function == null ? null : function.name()),
                Updates.set("createdAt", Date.from(at)),
                Updates.set("createdBy", actor(by)),
                Updates.set("expiresAt", expiresAt == null ? null : Date.from(expiresAt))),
                          new UpdateOptions().upsert(true));
        rolesChanged(id, roles, sequence);
    }

    /** Applies only roles newer than those the document holds, whichever processor comes first. */
    void rolesChanged(String id, Set<Role> roles, long sequence) {
        entries.updateOne(Filters.and(Filters.eq("_id", id), Filters.or(Filters.exists("rolesSequence", false),
                                                                         Filters.lt("rolesSequence", sequence))),
                          Updates.combine(Updates.set("roles", roleIds(roles)),
                                          Updates.set("rolesSequence", sequence)));
        durability.commit();
    }

    /** Final: a revoked key or a disabled user stays so; the first revocation recorded is kept. */
    void revoked(String id, Instant at, Actor by) {
        entries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revokedAt", null)),
                          Updates.combine(Updates.set("revokedAt", Date.from(at)),
                                          Updates.set("revokedBy", actor(by))));
        durability.commit();
    }

    /** Best effort, at most about once a minute per key (see {@link Authenticator}). */
    void used(String id, Instant at) {
        entries.updateOne(Filters.eq("_id", id), Updates.max("lastUsedAt", Date.from(at)));
    }

    private static List<String> roleIds(Set<Role> roles) {
        return roles.stream().sorted().map(Role::id).toList();
    }

    private static Document actor(Actor actor) {
        if (actor == null) {
            return null;
        }
        Document document = new Document("id", actor.id()).append("name", actor.name());
        document.append("function", actor.function() == null ? null : actor.function().name());
        return document;
    }

    private static Actor actor(Document document) {
        if (document == null) {
            return null;
        }
        String function = document.getString("function");
        return new Actor(document.getString("id"), document.getString("name"),
                         function == null ? null : BusinessFunction.parse(function).orElse(null));
    }

    private static DirectoryEntry entry(Document document) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : document.getList("roles", String.class, List.of())) {
            Role.parse(role).ifPresent(roles::add);
        }
        String function = document.getString("function");
        String kind = document.getString("kind");
        return new DirectoryEntry(document.getString("_id"),
                                  "key".equals(kind) ? Caller.Kind.KEY : Caller.Kind.USER,
                                  document.getString("name"),
                                  document.getString("displayName"),
                                  function == null ? null : BusinessFunction.parse(function).orElse(null),
                                  roles,
                                  instant(document, "createdAt"),
                                  actor(document.get("createdBy", Document.class)),
                                  instant(document, "expiresAt"),
                                  instant(document, "revokedAt"),
                                  actor(document.get("revokedBy", Document.class)),
                                  instant(document, "lastUsedAt"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}

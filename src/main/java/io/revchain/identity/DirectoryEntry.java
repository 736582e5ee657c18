package io.revchain.identity;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.util.Set;

/** A user or an API key as the directory holds it (never a secret). */
record DirectoryEntry(String id,
                      Caller.Kind kind,
                      String name,
                      String displayName,
                      BusinessFunction function,
                      Set<Role> roles,
                      Instant createdAt,
                      Actor createdBy,
                      Instant expiresAt,
                      Instant revokedAt,
                      Actor revokedBy,
                      Instant lastUsedAt) {

    /** A revoked key or a disabled user. */
    boolean revoked() {
        return revokedAt != null;
    }

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    Caller caller() {
        return new Caller(id, kind, name, displayName, function, roles);
    }
}

package io.revchain.identity;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.util.List;

/** HTTP bodies and rows of the identity endpoints. No row ever carries a secret; a new key is shown once. */
final class IdentityViews {

    private IdentityViews() {
    }

    /** Body of {@code POST /api/admin/users}. */
    record CreateUserRequest(String username, String password, String displayName, String function,
                             List<String> roles) {

        /** Frameworks log decoded bodies at debug level: never the password. */
        @Override
        public String toString() {
            return "CreateUserRequest[username=" + username + ", password=[hidden], displayName=" + displayName
                   + ", function=" + function + ", roles=" + roles + "]";
        }
    }

    /** Body of {@code POST /api/admin/keys}; {@code expiresAt} an ISO instant or date (start of day UTC). */
    record CreateKeyRequest(String name, List<String> roles, String function, String expiresAt) {
    }

    /** Body of {@code PUT /api/admin/users/{username}/password}. */
    record PasswordRequest(String password) {

        @Override
        public String toString() {
            return "PasswordRequest[password=[hidden]]";
        }
    }

    /** Body of {@code PUT /api/admin/users/{username}/roles}. */
    record RolesRequest(List<String> roles) {
    }

    record UserView(String id, String username, String displayName, BusinessFunction function, List<Role> roles,
                    Instant createdAt, Actor createdBy, boolean disabled, Instant disabledAt, Actor disabledBy) {

        static UserView of(DirectoryEntry entry) {
            return new UserView(entry.id(), entry.name(), entry.displayName(), entry.function(), sorted(entry),
                                entry.createdAt(), entry.createdBy(), entry.revoked(), entry.revokedAt(),
                                entry.revokedBy());
        }
    }

    record KeyView(String id, String name, BusinessFunction function, List<Role> roles, String status,
                   Instant createdAt, Actor createdBy, Instant expiresAt, Instant revokedAt, Actor revokedBy,
                   Instant lastUsedAt) {

        static KeyView of(DirectoryEntry entry, Instant now) {
            String status = entry.revoked() ? "REVOKED" : entry.expired(now) ? "EXPIRED" : "ACTIVE";
            return new KeyView(keyId(entry), entry.name(), entry.function(), sorted(entry), status,
                               entry.createdAt(), entry.createdBy(), entry.expiresAt(), entry.revokedAt(),
                               entry.revokedBy(), entry.lastUsedAt());
        }
    }

    /** The answer to creating a key: the only time {@code key} is ever shown. */
    record IssuedKeyView(String id, String key, String name, BusinessFunction function, List<Role> roles,
                         Instant createdAt, Instant expiresAt) {

        /** Frameworks log encoded answers at debug level: never the key. */
        @Override
        public String toString() {
            return "IssuedKeyView[id=" + id + ", key=[hidden], name=" + name + ", roles=" + roles + "]";
        }
    }

    /** {@code GET /api/me}; for a key, {@code username} and {@code displayName} are its name. */
    record MeView(String id, String kind, String username, String displayName, BusinessFunction function,
                  List<Role> roles) {

        static MeView of(Caller caller) {
            return new MeView(caller.id(), caller.kind().id(), caller.name(), caller.displayName(), caller.function(),
                              caller.roles().stream().sorted().toList());
        }
    }

    static String keyId(DirectoryEntry entry) {
        return entry.id().substring(entry.id().indexOf(':') + 1);
    }

    private static List<Role> sorted(DirectoryEntry entry) {
        return entry.roles().stream().sorted().toList();
    }
}

package io.revchain.identity;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as every request sees it once authenticated: a person ({@code user:<username>}) or a machine
 * ({@code key:<keyId>}). Built from the directory on every request, so a revoked key or a changed role applies at
 * once.
 */
record Caller(String id, Kind kind, String name, String displayName, BusinessFunction function, Set<Role> roles) {

    enum Kind {
        USER, KEY;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    Actor actor() {
        return new Actor(id, displayName, function);
    }

    Set<Role> effectiveRoles() {
        return Role.effective(roles);
    }

    boolean readerOnly() {
        return roles.equals(Set.of(Role.READER));
    }
}

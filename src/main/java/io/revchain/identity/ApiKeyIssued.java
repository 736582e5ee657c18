package io.revchain.identity;

import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.util.List;

/** A machine may now call with this key: its name, roles, function (null: none) and expiry (null: never). */
public record ApiKeyIssued(String keyId, String name, BusinessFunction function, List<Role> roles, Instant expiresAt)
        implements ApiKeyEvent {

    public ApiKeyIssued {
        roles = List.copyOf(roles);
    }
}

package io.revchain.identity;

import io.revchain.chain.BusinessFunction;
import java.util.List;

/** A person may now sign in, acting for {@code function} (null: none) with these roles. */
public record UserRegistered(String username, String displayName, BusinessFunction function, List<Role> roles)
        implements UserEvent {

    public UserRegistered {
        roles = List.copyOf(roles);
    }
}

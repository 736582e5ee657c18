package io.revchain.identity;

import java.util.List;

/** The user now holds exactly these roles. */
public record UserRolesChanged(String username, List<Role> roles) implements UserEvent {

    public UserRolesChanged {
        roles = List.copyOf(roles);
    }
}

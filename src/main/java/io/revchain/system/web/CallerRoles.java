package io.revchain.system.web;

import java.security.Principal;
import java.util.Locale;
import org.springframework.security.core.Authentication;

/**
 * Whether the caller holds a role, for the few requests whose role depends on their body (an import that discovers
 * a map also defines it). Roles are the caller's Spring Security authorities {@code ROLE_<NAME>}, roles they include
 * counted (an admin holds every role), as the route table decides them.
 */
public final class CallerRoles {

    private CallerRoles() {
    }

    public static boolean holds(Principal principal, String role) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return false;
        }
        String authority = "ROLE_" + role.toUpperCase(Locale.ROOT);
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}

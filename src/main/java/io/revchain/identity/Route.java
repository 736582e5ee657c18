package io.revchain.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One row of the route table: a method, a path pattern (Spring's, as in the endpoints' mappings) and who may call
 * it: anyone, any signed-in principal, or a principal holding one of the roles (or a role that includes one of
 * them). {@code GET} rows also cover {@code HEAD}.
 */
public record Route(HttpMethod method, String pattern, Access access, Set<Role> roles) {

    public enum Access {
        ANYONE, SIGNED_IN, ROLES
    }

    public Route {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        PathPatternParser.defaultInstance.parse(pattern);
    }

    public static Route anyone(HttpMethod method, String pattern) {
        return new Route(method, pattern, Access.ANYONE, Set.of());
    }

    public static Route signedIn(HttpMethod method, String pattern) {
        return new Route(method, pattern, Access.SIGNED_IN, Set.of());
    }

    public static Route of(HttpMethod method, String pattern, Role... roles) {
        return new Route(method, pattern, Access.ROLES, Set.of(roles));
    }

    boolean allows(Caller caller) {
        return switch (access) {
            case ANYONE -> true;
            case SIGNED_IN -> caller != null;
            case ROLES -> caller != null && caller.effectiveRoles().stream().anyMatch(roles::contains);
        };
    }

    /** As docs/security.md writes it: {@code anyone}, {@code signed in}, or the roles joined by commas. */
    public String who() {
        return switch (access) {
            case ANYONE -> "anyone";
            case SIGNED_IN -> "signed in";
            case ROLES -> Arrays.stream(Role.values()).filter(roles::contains).map(Role::id)
                                .collect(Collectors.joining(", "));
        };
    }
}

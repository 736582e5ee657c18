package io.revchain.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/** Decides every request by the first matching row of {@link Routes#TABLE} (and rows other beans add, for tests). */
final class RouteTable implements ReactiveAuthorizationManager<AuthorizationContext> {

    private record Compiled(Route route, PathPattern pattern) {
    }

    private final List<Compiled> rows = new ArrayList<>();

    RouteTable(List<Route> routes) {
        routes.forEach(route -> rows.add(new Compiled(route,
                                                      PathPatternParser.defaultInstance.parse(route.pattern()))));
    }

    Optional<Route> match(ServerHttpRequest request) {
        return match(request.getMethod(), request.getPath().pathWithinApplication());
    }

    Optional<Route> match(HttpMethod requested, PathContainer path) {
        HttpMethod method = HttpMethod.HEAD.equals(requested) ? HttpMethod.GET : requested;
        return rows.stream()
                   .filter(row -> row.route().method().equals(method) && row.pattern().matches(path))
                   .map(Compiled::route)
                   .findFirst();
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Optional<Route> route = match(context.getExchange().getRequest());
        if (route.isEmpty()) {
            return Mono.just(new AuthorizationDecision(false));
        }
        if (route.get().access() == Route.Access.ANYONE) {
            return Mono.just(new AuthorizationDecision(true));
        }
        return authentication.filter(auth -> auth.isAuthenticated() && auth instanceof CallerAuthentication)
                             .map(auth -> ((CallerAuthentication) auth).caller())
                             .map(caller -> (AuthorizationResult) new AuthorizationDecision(route.get().allows(caller)))
                             .defaultIfEmpty(new AuthorizationDecision(false));
    }
}

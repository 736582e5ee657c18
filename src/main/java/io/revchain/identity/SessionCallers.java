package io.revchain.identity;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A browser session remembers only who signed in (the principal's id); each request looks the user up again, so a
 * disabled account or changed roles apply to open sessions from their next request. Signing in gives the session a
 * new id (no session fixation).
 */
final class SessionCallers implements ServerSecurityContextRepository {

    static final String ATTRIBUTE = "revchain.principal";

    private final Authenticator authenticator;

    SessionCallers(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return exchange.getSession().flatMap(session -> {
            if (context == null || !(context.getAuthentication() instanceof CallerAuthentication signedIn)) {
                session.getAttributes().remove(ATTRIBUTE);
                return Mono.empty();
            }
            session.getAttributes().put(ATTRIBUTE, signedIn.caller().id());
            return session.changeSessionId();
        });
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        if (!exchange.getRequest().getCookies().containsKey(SecurityConfiguration.SESSION_COOKIE)) {
            // A script's request: no session to read, and none to create for it.
            return Mono.empty();
        }
        return exchange.getSession()
                       .flatMap(session -> Mono.justOrEmpty(session.<String>getAttribute(ATTRIBUTE)))
                       // Authentication, not an endpoint's work: off Workloads' pools (SecurityConfiguration says why)
                       .flatMap(id -> Mono.fromCallable(() -> authenticator.sessionUser(id).orElse(null))
                                          .subscribeOn(Schedulers.boundedElastic()))
                       .map(caller -> new SecurityContextImpl(new CallerAuthentication(caller)));
    }
}

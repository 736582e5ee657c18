package io.revchain.identity;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Which requests need a CSRF token: those a browser could be tricked into sending with the user's credentials,
 * i.e. every state-changing request that the session cookie may authenticate, and the sign-in form itself (so
 * nobody can sign a victim into another account). A request with an {@code Authorization} header comes from a
 * script (a web page cannot add that header cross-site, CORS being closed, and revchain never asks a browser for
 * Basic credentials, so none are cached), and one without a session cookie has nothing to abuse: it is
 * authenticated by its own credentials or refused with 401.
 */
final class BrowserWrites implements ServerWebExchangeMatcher {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
                                                       HttpMethod.TRACE);

    private final String sessionCookie;

    BrowserWrites(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (SAFE.contains(request.getMethod()) || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return MatchResult.notMatch();
        }
        String path = request.getPath().pathWithinApplication().value();
        boolean signInForm = path.equals("/login") || path.equals("/logout");
        return signInForm || request.getCookies().containsKey(sessionCookie) ? MatchResult.match()
                : MatchResult.notMatch();
    }
}

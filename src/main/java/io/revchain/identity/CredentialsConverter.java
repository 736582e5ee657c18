package io.revchain.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the credentials a script or a BI tool sends: {@code Authorization: Bearer <api key>}, HTTP Basic with a
 * user's username and password (for curl), or an API key in the query ({@code api_key}, reads only). None of them:
 * the request goes on as it is (a browser session may still authenticate it).
 */
final class CredentialsConverter implements ServerAuthenticationConverter {

    /** An API key before it is checked; {@code inQuery} when it came as {@code api_key}. */
    static final class KeyCredentials extends UsernamePasswordAuthenticationToken {

        private final boolean inQuery;

        KeyCredentials(String key, boolean inQuery) {
            super("api key", key);
            this.inQuery = inQuery;
        }

        boolean inQuery() {
            return inQuery;
        }
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            return Mono.fromCallable(() -> fromHeader(header.strip()));
        }
        return Mono.deferContextual(context -> context.<QueryApiKey.Found>getOrEmpty(QueryApiKey.Found.class)
                                                      .map(found -> fromQuery(exchange, found))
                                                      .orElseGet(Mono::empty));
    }

    private static Authentication fromHeader(String header) {
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return new KeyCredentials(value, false);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw malformed("HTTP Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw malformed("HTTP Basic credentials must be username:password");
            }
            return UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
                                                                       decoded.substring(colon + 1));
        }
        throw new RefusedCredentials("authorization-scheme", "use 'Authorization: Bearer <api key>' or HTTP Basic "
                + "with a username and password", "(" + Authenticator.loggable(scheme) + " scheme)",
                                     "unsupported scheme");
    }

    private static Mono<Authentication> fromQuery(ServerWebExchange exchange, QueryApiKey.Found found) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return Mono.error(new RefusedCredentials("api-key-query-read-only", "a key in the query string "
                    + "(api_key) is accepted for reads (GET) only; send it as 'Authorization: Bearer <key>'",
                                                     "(query key)", "query key on a write"));
        }
        if (found.ambiguous()) {
            return Mono.error(malformed("give api_key once"));
        }
        return Mono.just(new KeyCredentials(found.key(), true));
    }

    private static RefusedCredentials malformed(String message) {
        return new RefusedCredentials("credentials-format", message, "(malformed credentials)", message);
    }
}

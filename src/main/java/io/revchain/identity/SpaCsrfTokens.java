package io.revchain.identity;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * CSRF tokens for both kinds of browser request: the page's scripts copy the {@code XSRF-TOKEN} cookie into the
 * {@code X-XSRF-TOKEN} header as it is, while forms rendered by the server (the sign-in page) carry the masked token
 * (BREACH protection). A header is compared plainly, a form field unmasked first.
 */
final class SpaCsrfTokens extends ServerCsrfTokenRequestAttributeHandler {

    private final XorServerCsrfTokenRequestAttributeHandler masked = new XorServerCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
        masked.handle(exchange, csrfToken);
    }

    @Override
    public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
        String header = exchange.getRequest().getHeaders().getFirst(csrfToken.getHeaderName());
        return StringUtils.hasText(header) ? super.resolveCsrfTokenValue(exchange, csrfToken)
                : masked.resolveCsrfTokenValue(exchange, csrfToken);
    }
}

package io.revchain.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Each principal (each client address, for requests without credentials) may make {@code requests-per-minute}
 * requests a minute, in bursts of up to as many: Bucket4j token buckets, one per principal and node, kept while
 * used. Over it, 429 problem+json with {@code Retry-After}. Runs after authentication, so one BI user's refresh
 * cannot slow another's.
 */
final class RateLimits implements WebFilter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
                                                          .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final int perMinute;
    private final SecurityProblems problems;

    RateLimits(int perMinute, SecurityProblems problems) {
        this.perMinute = perMinute;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                       .map(principal -> principal.getName())
                       .defaultIfEmpty("address " + clientAddress(exchange))
                       .flatMap(who -> {
                           ConsumptionProbe probe = bucket(who).tryConsumeAndReturnRemaining(1);
                           if (probe.isConsumed()) {
                               return chain.filter(exchange);
                           }
                           long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
                           Authenticator.AUDIT.info("Refused {} {} for {}: over {} requests a minute",
                                                    exchange.getRequest().getMethod(),
                                                    exchange.getRequest().getPath().value(), who, perMinute);
                           exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                           return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                                                 "rate-limit", "more than " + perMinute + " requests a minute by "
                                                         + who + "; retry in " + seconds + " s");
                       });
    }

    private Bucket bucket(String who) {
        return buckets.get(who, k -> Bucket.builder()
                                           .addLimit(limit -> limit.capacity(perMinute)
                                                                   .refillGreedy(perMinute, Duration.ofMinutes(1)))
                                           .build());
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}

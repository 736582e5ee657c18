package io.revchain.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Repeated failed sign-ins for one username lock it for a while: {@code login-failures} failures within
 * {@code login-lockout} use up its allowance, which comes back whole when that period ends. Counted per node and in
 * memory: with n nodes an attacker gets n times the allowance, which still makes guessing hopeless. Applies to
 * unknown usernames as well, so a lockout tells nothing about whether an account exists.
 */
@Component
class LoginThrottle {

    private final Cache<String, Bucket> failures;
    private final int allowed;
    private final Duration lockout;

    LoginThrottle(SecurityProperties properties) {
        this.allowed = properties.loginFailures();
        this.lockout = properties.loginLockout();
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(lockout.multipliedBy(2)).build();
    }

    /** How long the username stays locked; zero when it is not. */
    Duration locked(String username) {
        Bucket bucket = failures.getIfPresent(key(username));
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Counts a failure; returns the failures left before the username locks. */
    long failed(String username) {
        Bucket bucket = failures.get(key(username), k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(allowed).refillIntervally(allowed, lockout))
                .build());
        bucket.tryConsume(1);
        return bucket.getAvailableTokens();
    }

    void succeeded(String username) {
        failures.invalidate(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}

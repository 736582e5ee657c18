package io.revchain.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks credentials against the directory and the secrets, on every request: nothing about a principal is cached,
 * so a revoked key or a disabled user is refused by every node from the next request on. Blocking (MongoDB and
 * bcrypt): call it off the event loop.
 */
@Component
class Authenticator {

    static final Logger AUDIT = LoggerFactory.getLogger("io.revchain.security");
    private static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);

    private final Directory directory;
    private final Credentials credentials;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final String unknownUserHash;
    /**
     * bcrypt costs tens of milliseconds by design, too much for every request of a script using HTTP Basic. A
     * successful check is remembered by (stored hash, HMAC of the password under a key that lives only in this
     * process): a changed password has another stored hash, so nothing stale is ever accepted.
     */
    private final Cache<String, Boolean> verified = Caffeine.newBuilder().maximumSize(10_000)
                                                            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final SecretKeySpec verifiedKey;
    private final Cache<String, Instant> lastUseWritten = Caffeine.newBuilder().maximumSize(100_000)
                                                                  .expireAfterWrite(LAST_USED_EVERY).build();

    Authenticator(Directory directory, Credentials credentials, PasswordEncoder encoder, LoginThrottle throttle,
                  ObjectProvider<Clock> clock) {
        this.directory = directory;
        this.credentials = credentials;
        this.encoder = encoder;
        this.throttle = throttle;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.verifiedKey = new SecretKeySpec(random, "HmacSHA256");
        // An unknown username costs the same bcrypt check as a known one: timing does not reveal accounts.
        this.unknownUserHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    Caller password(String username, String password) {
        String name = normalize(username);
        Duration locked = throttle.locked(name);
        if (!locked.isZero()) {
            long minutes = Math.max(1, (locked.toSeconds() + 59) / 60);
            AUDIT.warn("Sign-in refused for username '{}': locked after repeated failures for {} more minute(s)",
                       loggable(name), minutes);
            throw new RefusedCredentials("sign-in-locked", "too many failed sign-ins for this username; try again "
                    + "in " + minutes + " minute(s)", name, "locked");
        }
        Optional<DirectoryEntry> entry = directory.find(Commands.userId(name))
                                                  .filter(e -> e.kind() == Caller.Kind.USER);
        Optional<String> hash = entry.flatMap(e -> credentials.hash(e.id()));
        boolean matches = verify(password, hash.orElse(unknownUserHash)) && hash.isPresent();
        String reason = entry.isEmpty() ? "no such user" : hash.isEmpty() ? "the user has no password set"
                : !matches ? "wrong password" : entry.get().revoked() ? "the user is disabled" : null;
        if (reason != null) {
            long left = throttle.failed(name);
            AUDIT.warn("Sign-in refused for username '{}': {} ({} more failure(s) before a lock)", loggable(name),
                       reason, left);
            throw RefusedCredentials.invalid(name, reason);
        }
        throttle.succeeded(name);
        return entry.get().caller();
    }

    Caller apiKey(String key, boolean inQuery) {
        ApiKeys.Parsed parsed = ApiKeys.parse(key).orElse(null);
        if (parsed == null) {
            AUDIT.warn("API key refused: not of the form rc_<id>_<secret>");
            throw RefusedCredentials.invalid("(malformed key)", "malformed key");
        }
        Optional<DirectoryEntry> entry = directory.find(parsed.principalId())
                                                  .filter(e -> e.kind() == Caller.Kind.KEY);
        Optional<String> hash = entry.flatMap(e -> credentials.hash(e.id()));
        if (hash.isEmpty() || !ApiKeys.matches(parsed.secret(), hash.get())) {
            String reason = entry.isEmpty() ? "no such key" : "wrong secret";
            AUDIT.warn("API key {} refused: {}", parsed.keyId(), reason);
            throw RefusedCredentials.invalid(parsed.keyId(), reason);
        }
        DirectoryEntry found = entry.get();
        Instant now = clock.instant();
        // Past the secret check: only the key's holder learns that it was revoked or expired.
        if (found.revoked()) {
            AUDIT.warn("API key {} ('{}') refused: revoked at {}", parsed.keyId(), found.name(), found.revokedAt());
            throw new RefusedCredentials("api-key-revoked", "this API key was revoked at " + found.revokedAt()
                    + "; ask an admin for a new one", parsed.keyId(), "revoked");
        }
        if (found.expired(now)) {
            AUDIT.warn("API key {} ('{}') refused: expired at {}", parsed.keyId(), found.name(), found.expiresAt());
            throw new RefusedCredentials("api-key-expired", "this API key expired at " + found.expiresAt()
                    + "; ask an admin for a new one", parsed.keyId(), "expired");
        }
        Caller caller = found.caller();
        if (inQuery && !caller.readerOnly()) {
            AUDIT.warn("API key {} ('{}') refused in the query string: it holds {}", parsed.keyId(), found.name(),
                       CallerAuthentication.roleIds(caller));
            throw new RefusedCredentials("api-key-query-read-only", "a key in the query string (api_key) may hold "
                    + "only the reader role, since URLs end up in logs and browser histories; send this key as "
                    + "'Authorization: Bearer <key>', and consider revoking it", parsed.keyId(), "query key");
        }
        markUsed(found.id(), now);
        return caller;
    }

    /** The user a browser session belongs to, as the directory has it now; empty once disabled. */
    Optional<Caller> sessionUser(String principalId) {
        return directory.find(principalId)
                        .filter(e -> e.kind() == Caller.Kind.USER && !e.revoked())
                        .map(DirectoryEntry::caller);
    }

    private void markUsed(String id, Instant now) {
        if (lastUseWritten.asMap().putIfAbsent(id, now) != null) {
            return;
        }
        try {
            directory.used(id, now);
        } catch (RuntimeException e) {
            AUDIT.debug("Could not record the last use of {}: {}", id, e.toString());
        }
    }

    private boolean verify(String password, String hash) {
        String presented = password == null ? "" : password;
        String key = hash + '\u0000' + hmac(presented);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches;
        try {
            matches = encoder.matches(presented, hash);
        } catch (IllegalArgumentException e) {
            matches = false;
        }
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(verifiedKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Usernames come from the request: no line breaks or control characters into the log, and not too long. */
    static String loggable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}

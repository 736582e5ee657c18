package io.revchain.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code rc_<keyId>_<secret>}. The id (12 characters of base32, public: logs and lists show
 * it) finds the key with one lookup; the secret is 32 random bytes (256 bits) in base64url. A secret that strong
 * cannot be guessed or brute-forced from its hash, so a single SHA-256 is enough and costs microseconds per request,
 * where bcrypt (made for low-entropy passwords) would cost tens of milliseconds on every call of a BI refresh.
 */
final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern KEY = Pattern.compile("rc_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");

    record Parsed(String keyId, String secret) {

        String principalId() {
            return ApiKeys.principalId(keyId);
        }
    }

    record Issued(String keyId, String key, String hash) {
    }

    private ApiKeys() {
    }

    static Issued issue() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String keyId = new String(id);
        return new Issued(keyId, "rc_" + keyId + "_" + encoded, hash(encoded));
    }

    static Optional<Parsed> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher matcher = KEY.matcher(key.strip());
        return matcher.matches() ? Optional.of(new Parsed(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    static String principalId(String keyId) {
        return "key:" + keyId;
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Constant time, so the answer's timing tells nothing about how much of a guess was right. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(sha256(secret), HexFormat.of().parseHex(storedHash));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

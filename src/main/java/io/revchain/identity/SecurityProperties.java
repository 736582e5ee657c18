package io.revchain.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code revchain.security.*}); docs/security.md explains each.
 *
 * {@code adminPassword}: the initial admin's password on first start ({@code REVCHAIN_ADMIN_PASSWORD}); when empty a
 * random one is written to {@code initialAdminPasswordFile}. {@code sessionTimeout}: a browser session ends after
 * this long without a request. {@code secureCookies}: {@code auto} marks cookies Secure on HTTPS requests,
 * {@code always} on every request. {@code loginFailures} failed sign-ins per username within {@code loginLockout}
 * lock that username for the rest of it. {@code requestsPerMinute}: each principal's (or anonymous client address's)
 * sustained request rate, with bursts up to the same number. {@code corsAllowedOrigins}: empty keeps CORS closed.
 */
@ConfigurationProperties("revchain.security")
public record SecurityProperties(String adminPassword,
                                 Path initialAdminPasswordFile,
                                 Duration sessionTimeout,
                                 String secureCookies,
                                 Integer loginFailures,
                                 Duration loginLockout,
                                 Integer requestsPerMinute,
                                 List<String> corsAllowedOrigins) {

    public SecurityProperties {
        adminPassword = adminPassword == null || adminPassword.isBlank() ? null : adminPassword;
        initialAdminPasswordFile = initialAdminPasswordFile == null ? Path.of("data", "initial-admin-password")
                : initialAdminPasswordFile;
        sessionTimeout = sessionTimeout == null ? Duration.ofHours(8) : sessionTimeout;
        secureCookies = secureCookies == null ? "auto" : secureCookies.strip().toLowerCase(java.util.Locale.ROOT);
        if (!secureCookies.equals("auto") && !secureCookies.equals("always")) {
            throw new IllegalArgumentException("revchain.security.secure-cookies must be auto or always");
        }
        loginFailures = positive(loginFailures, 5, "login-failures");
        loginLockout = loginLockout == null ? Duration.ofMinutes(15) : loginLockout;
        requestsPerMinute = positive(requestsPerMinute, 1200, "requests-per-minute");
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("revchain.security." + name + " must be at least 1");
        }
        return value;
    }
}

package io.revchain.identity;

import org.springframework.security.core.AuthenticationException;

/**
 * Credentials that do not authenticate. The message (rule id first) goes to the client; {@code logReason} and
 * {@code attempted} (a username or a key id, never a secret) go to the log only.
 */
class RefusedCredentials extends AuthenticationException {

    private final String rule;
    private final String attempted;
    private final String logReason;

    RefusedCredentials(String rule, String message, String attempted, String logReason) {
        super(rule + ": " + message);
        this.rule = rule;
        this.attempted = attempted;
        this.logReason = logReason;
    }

    static RefusedCredentials invalid(String attempted, String logReason) {
        return new RefusedCredentials("credentials-valid", "the username and password, or the API key, are not "
                + "valid", attempted, logReason);
    }

    String rule() {
        return rule;
    }

    String attempted() {
        return attempted;
    }

    String logReason() {
        return logReason;
    }
}

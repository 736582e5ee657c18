package io.revchain.system.web;

/**
 * The caller may not do this, whatever the request says: HTTP 403. The message starts with the rule's id, e.g.
 * {@code acts-as-own-function: ...}.
 */
public class ForbiddenException extends RuntimeException {

    private final String rule;

    public ForbiddenException(String rule, String reason) {
        super(rule + ": " + reason);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}

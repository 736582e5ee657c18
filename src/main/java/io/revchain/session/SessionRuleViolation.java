package io.revchain.session;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.List;

/** A session command broke one or more session rules; each reason starts with the rule id. Nothing was recorded. */
public class SessionRuleViolation extends InvalidRequestException {

    public SessionRuleViolation(List<FieldError> errors) {
        super(errors);
    }

    static SessionRuleViolation of(String field, String rule, String explanation) {
        return new SessionRuleViolation(List.of(error(field, rule, explanation)));
    }

    static FieldError error(String field, String rule, String explanation) {
        return FieldError.of(field, rule + ": " + explanation);
    }
}

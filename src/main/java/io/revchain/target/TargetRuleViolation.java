package io.revchain.target;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.List;

/** A target command broke one or more target rules; each reason starts with the rule id. Nothing was recorded. */
public class TargetRuleViolation extends InvalidRequestException {

    public TargetRuleViolation(List<FieldError> errors) {
        super(errors);
    }

    static FieldError error(String field, String rule, String explanation) {
        return FieldError.of(field, rule + ": " + explanation);
    }
}

package io.revchain.map;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.List;

/** A map command broke one or more map rules; each reason starts with the rule id. Nothing was recorded. */
public class MapRuleViolation extends InvalidRequestException {

    public MapRuleViolation(List<FieldError> errors) {
        super(errors);
    }

    static MapRuleViolation of(String field, String rule, String explanation) {
        return new MapRuleViolation(List.of(FieldError.of(field, rule + ": " + explanation)));
    }
}

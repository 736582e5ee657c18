package io.revchain.target;

import io.revchain.chain.BusinessFunction;
import io.revchain.system.web.FieldError;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules a target's figures and its acting function must satisfy; see docs/domain-map.md, "Target rules". */
final class TargetRules {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?[Qq]([1-4])");

    private TargetRules() {
    }

    /** "2025-Q3" (also "2025Q3", "2025-q3"), normalized to "2025-Q3"; null after an error. */
    static String quarter(String requested, List<FieldError> errors) {
        Matcher matcher = requested == null ? null : QUARTER.matcher(requested.strip());
        if (matcher == null || !matcher.matches()) {
            errors.add(TargetRuleViolation.error("quarter", "target-quarter-format", (requested == null ? "null"
                    : "'" + requested + "'") + " is not a calendar quarter; write it as 2025-Q3"));
            return null;
        }
        return matcher.group(1) + "-Q" + matcher.group(2);
    }

    /** A positive amount with at most the currency's minor-unit digits (2 without a currency). */
    static void revenue(BigDecimal revenue, String currency, List<FieldError> errors) {
        if (revenue == null) {
            errors.add(TargetRuleViolation.error("revenue", "target-revenue-required",
                                                 "give the revenue target of the quarter"));
            return;
        }
        if (revenue.signum() <= 0) {
            errors.add(TargetRuleViolation.error("revenue", "target-revenue-positive",
                                                 "a revenue target is more than 0, was " + revenue.toPlainString()));
        }
        int digits = currency == null ? 2 : Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        if (revenue.stripTrailingZeros().scale() > digits) {
            errors.add(TargetRuleViolation.error("revenue", "target-revenue-minor-unit", revenue.toPlainString()
                    + " has more decimals than " + (currency == null ? "2" : currency + " has (" + digits + ")")));
        }
    }

    static void count(String field, Long count, List<FieldError> errors) {
        if (count != null && count < 0) {
            errors.add(TargetRuleViolation.error(field, "target-count-non-negative",
                                                 "a target count is 0 or more, was " + count));
        }
    }

    static Optional<BusinessFunction> function(String requested, List<FieldError> errors) {
        Optional<BusinessFunction> function = BusinessFunction.parse(requested);
        if (function.isEmpty()) {
            errors.add(TargetRuleViolation.error("function", "function-valid", (requested == null ? "null" : "'"
                    + requested + "'") + " is not a function; use one of " + BusinessFunction.CHOICES));
        }
        return function;
    }

    static String person(String requested, List<FieldError> errors) {
        if (requested == null || requested.isBlank()) {
            errors.add(TargetRuleViolation.error("by", "person-required", "name the person acting for the function"));
            return null;
        }
        return requested.strip();
    }

    /** Equal figures: amounts compared by value (5000 = 5000.00), counts exactly, absent equals absent. */
    static boolean sameFigures(BigDecimal revenue, Long mqls, Long sals, TargetView target) {
        return revenue != null && revenue.compareTo(target.revenue()) == 0
                && Objects.equals(mqls, target.mqls()) && Objects.equals(sals, target.sals());
    }
}

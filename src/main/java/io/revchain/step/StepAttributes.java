package io.revchain.step;

import io.revchain.chain.AttributeNames;
import io.revchain.system.web.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of one step: typed reads of the attributes an event names as fields, each problem recorded as a
 * field error, and {@link #rest()} for all attributes not read, which the event keeps in its {@code attributes} map.
 */
final class StepAttributes {

    static final int MAX_DIGITS = 30;
    static final int MAX_SIGNIFICANT_DIGITS = 34;

    private final int index;
    private final String type;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final Map<String, Object> raw;
    private final List<FieldError> errors;

    StepAttributes(int index, String type, Map<String, Object> raw, List<FieldError> errors) {
        this.index = index;
        this.type = type;
        this.raw = raw;
        this.errors = errors;
        raw.forEach((key, value) -> {
            String problem = AttributeNames.problem(key);
            if (problem != null) {
                errors.add(new FieldError(index, "attributes", "attribute name '" + printable(key) + "' "
                        + problem));
            } else if (nested(value)) {
                error(key, "must be a string, number or boolean, not a nested object or array");
            } else if (value != null) {
                values.put(key, asText(value));
            }
        });
    }

    private static String asText(Object value) {
        if (value instanceof BigDecimal number) {
            // A JSON number as its value (0.10 is 0.1); plain notation, except for exponents whose plain form would
            // be enormous.
            BigDecimal normal = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
            return normal.scale() < -MAX_DIGITS || normal.scale() > MAX_DIGITS ? normal.toString()
                    : normal.toPlainString();
        }
        return value.toString();
    }

    /** A name as it can be shown in an error: control characters as U+XXXX. */
    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    String text(String key) {
        read.add(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    String required(String key) {
        String value = text(key);
        if (value == null && !nested(raw.get(key))) {
            error(key, "is required for " + type);
        }
        return value;
    }

    private static boolean nested(Object value) {
        return value instanceof Map || value instanceof List;
    }

    /** A non-negative amount of money, from a JSON number or a numeric string (strings keep every digit). */
    BigDecimal amount(String key) {
        BigDecimal number = number(key);
        if (number != null && number.signum() < 0) {
            error(key, "must not be negative, got " + values.get(key));
            return null;
        }
        return number;
    }

    Double score(String key) {
        BigDecimal number = number(key);
        return number == null ? null : number.doubleValue();
    }

    private BigDecimal number(String key) {
        read.add(key);
        Object value = raw.get(key);
        if (value == null || nested(value)) {
            return null;
        }
        BigDecimal number = null;
        if (value instanceof Number || value instanceof String) {
            try {
                number = new BigDecimal(value instanceof BigInteger big ? big.toString() : value.toString().strip());
            } catch (NumberFormatException e) {
                // not a finite number: reported below
            }
        }
        if (number == null) {
            error(key, "must be a number, got " + (value instanceof String ? "\"" + value + "\"" : value));
            return null;
        }
        if (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS) {
            error(key, "must have at most " + MAX_DIGITS + " digits before and after the decimal point");
            return null;
        }
        if (number.stripTrailingZeros().precision() > MAX_SIGNIFICANT_DIGITS) {
            // The event store keeps amounts as Decimal128, exact to 34 significant digits: refuse, never round.
            error(key, "must have at most " + MAX_SIGNIFICANT_DIGITS + " significant digits, got "
                    + number.stripTrailingZeros().precision());
            return null;
        }
        return number.scale() < 0 ? number.setScale(0) : number;
    }

    void error(String key, String reason) {
        errors.add(new FieldError(index, "attributes." + key, reason));
    }

    /** The attributes not read as typed fields, in the order given. */
    Map<String, String> rest() {
        Map<String, String> rest = new LinkedHashMap<>(values);
        rest.keySet().removeAll(read);
        return rest;
    }
}

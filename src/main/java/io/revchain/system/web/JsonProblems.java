package io.revchain.system.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says why a JSON body could not be read, in the client's terms: the JSON path of the field ({@code stages[0].owner})
 * and what was wrong, never the service's Java types or the parser's internals.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object )?(?:property|field) \"(.*)\"");

    private JsonProblems() {
    }

    public static FieldError describe(JacksonException e) {
        return describe(e, "");
    }

    /** As {@link #describe(JacksonException)}; {@code prefix} is prepended to the field path. */
    public static FieldError describe(JacksonException e, String prefix) {
        String path = path(e);
        if (e instanceof StreamConstraintsException) {
            return FieldError.of(field(prefix, path), "is too large or nested too deeply (numbers of at most 1,000 "
                    + "digits, text of at most 20,000,000 characters, at most 500 levels of nesting)");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> known = new TreeSet<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            return FieldError.of(field(prefix, path), "unknown field" + (known.isEmpty() ? "" : "; known: "
                    + String.join(", ", known)));
        }
        if (e instanceof InvalidNullException) {
            return FieldError.of(field(prefix, path), "must not be null");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return FieldError.of(field(prefix, path), "must be " + expected(mismatch.getTargetType()));
        }
        if (e instanceof InputCoercionException coercion) {
            return FieldError.of(field(prefix, parserPath(coercion, true)),
                                 "must be " + expected(coercion.getTargetType()));
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            String parent = parserPath(e, false);
            String name = duplicate.group(1);
            return FieldError.of(field(prefix, parent.isEmpty() ? name : parent + "." + name),
                                 "given twice; each field may appear once in an object");
        }
        if (e instanceof StreamReadException) {
            return FieldError.of(prefix.isEmpty() ? "body" : prefix, "is not valid JSON" + where(e.getLocation())
                    + ": " + syntax(message));
        }
        return FieldError.of(field(prefix, path), "could not be read");
    }

    private static String field(String prefix, String path) {
        if (path.isEmpty()) {
            return prefix.isEmpty() ? "body" : prefix;
        }
        return prefix.isEmpty() || path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** The databind path: properties joined by '.', array positions in brackets. */
    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        List<JacksonException.Reference> references = e.getPath();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Where the parser stands: the path of the object or array it is in ({@code value}: of the value in it). */
    private static String parserPath(JacksonException e, boolean value) {
        if (!(e.processor() instanceof JsonParser parser) || parser.streamReadContext() == null) {
            return "";
        }
        TokenStreamContext context = parser.streamReadContext();
        String path = contextPath(context);
        if (value) {
            path = path + segment(context);
        }
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String contextPath(TokenStreamContext context) {
        TokenStreamContext parent = context.getParent();
        return parent == null ? "" : contextPath(parent) + segment(parent);
    }

    /** The step from a container to its current member. */
    private static String segment(TokenStreamContext container) {
        if (container.inArray()) {
            return "[" + Math.max(0, container.getCurrentIndex()) + "]";
        }
        if (container.inObject() && container.currentName() != null) {
            return "." + container.currentName();
        }
        return "";
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The parser's explanation without its location and source notes, which name internals. */
    private static String syntax(String message) {
        String text = message;
        for (String cut : new String[] {"\n", " at [Source", " (start marker at", " (for ", "; line:"}) {
            int at = text.indexOf(cut);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = text.replaceAll("\\(`[^`]*`[^)]*\\)", "").replaceAll("`[A-Za-z0-9_.$]+`", "").trim();
        return text.isEmpty() ? "malformed" : text;
    }

    /** A Java type as the JSON a client should send. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (type.isEnum()) {
            TreeSet<String> names = new TreeSet<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "one of " + String.join(", ", names);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }
}

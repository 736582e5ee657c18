package io.revchain.step;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.JsonProblems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body of steps: strictly as JSON (a repeated key is an error, not "last wins"; numbers keep every
 * digit, so {@code 1e-400} is not silently 0), then element by element, so that a malformed step is reported with its
 * index alongside the other steps' errors instead of failing the whole body. Ids given as numbers are read as text.
 */
final class StepJson {

    private static final List<String> FIELDS = List.of("stepId", "type", "occurredAt", "journeyId", "segmentId",
                                                       "campaignId", "attributes");

    private static final JsonMapper JSON = JsonMapper.builder()
                                                     .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                                     .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                                     .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                                     .build();

    /** The requests (null where an element could not be read) and, by index, why elements could not be read. */
    record Decoded(List<StepRequest> requests, Map<Integer, List<FieldError>> errors) {
    }

    private StepJson() {
    }

    /** The body as steps; a body that is not a JSON array (empty, blank, malformed, an object) is refused whole. */
    static Decoded read(byte[] body) {
        if (blank(body)) {
            throw new InvalidRequestException("body", "is empty: send a JSON array of steps");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException(List.of(atIndex(JsonProblems.describe(e))));
        }
        if (root == null || !root.isArray()) {
            throw new InvalidRequestException("body", "must be a JSON array of steps, was " + kind(root));
        }
        List<JsonNode> elements = new ArrayList<>(root.size());
        root.forEach(elements::add);
        return decode(elements);
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** "[3].attributes.x" as step 3's field "attributes.x", the way every other step error is reported. */
    private static FieldError atIndex(FieldError error) {
        String field = error.field();
        if (field.startsWith("[") && field.indexOf(']') > 0) {
            int close = field.indexOf(']');
            String rest = field.substring(close + 1);
            return new FieldError(Integer.valueOf(field.substring(1, close)),
                                  rest.isEmpty() ? "body" : rest.startsWith(".") ? rest.substring(1) : rest,
                                  error.reason());
        }
        return error;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object; wrap a single step in [ ]";
        }
        return node.isString() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isNull() ? "null" : "not an array";
    }

    static Decoded decode(List<JsonNode> elements) {
        List<StepRequest> requests = new ArrayList<>(elements.size());
        Map<Integer, List<FieldError>> errors = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            List<FieldError> problems = new ArrayList<>();
            requests.add(decode(i, elements.get(i), problems));
            if (!problems.isEmpty()) {
                errors.put(i, problems);
            }
        }
        return new Decoded(requests, errors);
    }

    private static StepRequest decode(int index, JsonNode element, List<FieldError> problems) {
        if (element == null || !element.isObject()) {
            problems.add(new FieldError(index, "body", "each step must be a JSON object"));
            return null;
        }
        for (String name : element.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldError(index, name, "unknown field: a step has " + String.join(", ", FIELDS)
                        + "; put anything else into attributes"));
            }
        }
        StepRequest request = new StepRequest(text(index, element, "stepId", problems),
                                              text(index, element, "type", problems),
                                              text(index, element, "occurredAt", problems),
                                              text(index, element, "journeyId", problems),
                                              text(index, element, "segmentId", problems),
                                              text(index, element, "campaignId", problems),
                                              attributes(index, element.get("attributes"), problems));
        return problems.isEmpty() ? request : null;
    }

    private static String text(int index, JsonNode element, String field, List<FieldError> problems) {
        JsonNode value = element.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isIntegralNumber()) {
            return value.asString();
        }
        problems.add(new FieldError(index, field, "must be a string"));
        return null;
    }

    /** Exact: the body is read with every digit (BigDecimal), whatever the number's size. */
    private static Object decimal(JsonNode number) {
        return number.decimalValue();
    }

    private static Map<String, Object> attributes(int index, JsonNode node, List<FieldError> problems) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            problems.add(new FieldError(index, "attributes", "must be a JSON object of attribute names to values"));
            return Map.of();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            Object scalar;
            if (value.isNull()) {
                scalar = null;
            } else if (value.isString()) {
                scalar = value.stringValue();
            } else if (value.isNumber()) {
                scalar = decimal(value);
            } else if (value.isBoolean()) {
                scalar = value.booleanValue();
            } else {
                // Left as a container so that StepAttributes names the attribute in its error.
                scalar = value.isArray() ? List.of() : Map.of();
            }
            attributes.put(entry.getKey(), scalar);
        }
        return attributes;
    }
}

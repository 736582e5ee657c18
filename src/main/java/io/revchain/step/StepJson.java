package io.revchain.step;

import io.revchain.system.web.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the steps of a request body one JSON element at a time, so that a malformed step is reported with its index
 * alongside the other steps' errors instead of failing the whole body. Ids given as numbers are read as text;
 * attribute numbers are kept exact.
 */
final class StepJson {

    private static final List<String> FIELDS = List.of("stepId", "type", "occurredAt", "journeyId", "segmentId",
                                                       "campaignId", "attributes");

    /** The requests (null where an element could not be read) and, by index, why elements could not be read. */
    record Decoded(List<StepRequest> requests, Map<Integer, List<FieldError>> errors) {
    }

    private StepJson() {
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

    /** Exact for integers and decimals; a number too large for a double (parsed as infinity) is kept as text. */
    private static Object decimal(JsonNode number) {
        if (number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue())) {
            return number.asString();
        }
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

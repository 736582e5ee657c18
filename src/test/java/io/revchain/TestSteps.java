package io.revchain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Steps as the JSON objects of {@code POST /api/steps}, for tests that post them. */
public final class TestSteps {

    private TestSteps() {
    }

    /** A step naming its object by {@code idField} (journeyId, campaignId, segmentId); attributes as name, value. */
    public static Map<String, Object> step(String stepId, String type, String occurredAt, String idField, String id,
                                           Object... attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", stepId);
        step.put("type", type);
        step.put("occurredAt", occurredAt);
        step.put(idField, id);
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            attrs.put((String) attributes[i], attributes[i + 1]);
        }
        step.put("attributes", attrs);
        return step;
    }
}

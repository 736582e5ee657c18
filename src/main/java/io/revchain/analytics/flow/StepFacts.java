package io.revchain.analytics.flow;

import io.revchain.analytics.StepFact;
import io.revchain.journey.CustomStepRecorded;
import io.revchain.journey.JourneyEvent;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a journey event into the flat, bitemporal fact analytics works on. Typed fields become attributes next to
 * the step's free attributes, so every figure can use them; the intake's "segment"/"campaign" attributes are also
 * offered under the analytics keys "segmentId"/"campaignId".
 */
public final class StepFacts {

    private static final Set<String> STRUCTURAL = Set.of("journeyId", "stepId", "occurredAt", "attributes",
                                                         "stepType");

    private StepFacts() {
    }

    static String typeOf(JourneyEvent event) {
        return event instanceof CustomStepRecorded custom ? custom.stepType() : event.getClass().getSimpleName();
    }

    public static StepFact of(JourneyEvent event, Instant recordedAt, long recordSeq) {
        Map<String, String> attributes = new HashMap<>(event.attributes());
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (STRUCTURAL.contains(component.getName())) {
                continue;
            }
            String value = scalar(read(component, (Record) event));
            if (value != null) {
                attributes.put(component.getName(), value);
            }
        }
        alias(attributes, JourneyEvent.SEGMENT, "segmentId");
        alias(attributes, JourneyEvent.CAMPAIGN, "campaignId");
        return new StepFact(event.stepId(), typeOf(event), event.occurredAt(), recordedAt, recordSeq, attributes);
    }

    private static void alias(Map<String, String> attributes, String from, String to) {
        String value = attributes.get(from);
        if (value != null && !value.isBlank()) {
            attributes.putIfAbsent(to, value);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass(), e);
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof TemporalAccessor || value instanceof Enum<?>) {
            return value.toString();
        }
        return null;
    }
}

package io.revchain.analytics.flow;

import io.revchain.analytics.StepFact;
import io.revchain.campaign.CampaignEvent;
import io.revchain.journey.CustomStepRecorded;
import io.revchain.journey.JourneyEvent;
import io.revchain.segment.SegmentEvent;
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
        Map<String, String> attributes = flatten((Record) event, event.attributes());
        alias(attributes, JourneyEvent.SEGMENT, "segmentId");
        alias(attributes, JourneyEvent.CAMPAIGN, "campaignId");
        return new StepFact(event.stepId(), typeOf(event), event.occurredAt(), recordedAt, recordSeq, attributes);
    }

    /** A segment step: its name and profile attributes (a revision: the changed ones). */
    public static StepFact of(SegmentEvent event, Instant recordedAt, long recordSeq) {
        Map<String, String> attributes = flatten((Record) event, event.attributes());
        attributes.remove("segmentId");
        return new StepFact(event.stepId(), event.getClass().getSimpleName(), event.occurredAt(), recordedAt,
                            recordSeq, attributes);
    }

    /** A campaign step: CampaignLaunched's segmentId, channel, budget..., AssetPublished's assetId and kind. */
    public static StepFact of(CampaignEvent event, Instant recordedAt, long recordSeq) {
        Map<String, String> attributes = flatten((Record) event, event.attributes());
        alias(attributes, JourneyEvent.SEGMENT, "segmentId");
        return new StepFact(event.stepId(), event.getClass().getSimpleName(), event.occurredAt(), recordedAt,
                            recordSeq, attributes);
    }

    private static Map<String, String> flatten(Record event, Map<String, String> free) {
        Map<String, String> attributes = new HashMap<>(free);
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (STRUCTURAL.contains(component.getName())) {
                continue;
            }
            String value = scalar(read(component, event));
            if (value != null) {
                attributes.put(component.getName(), value);
            }
        }
        return attributes;
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

package io.revchain.analytics.export;

import io.revchain.campaign.CampaignEvent;
import io.revchain.journey.JourneyEvent;
import io.revchain.segment.SegmentEvent;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The type of a step's attribute where revchain knows it: the typed fields of the step's event (a DealWon's
 * {@code amount}, a LeadQualified's {@code score}, a campaign's {@code budget}). Every other attribute is text
 * (the chain keeps free attributes as text). Read from the event records, so a new typed field is typed here too.
 */
final class AttributeTypes {

    enum Type {
        STRING, FLOAT, INTEGER, BOOLEAN, TIME
    }

    private static final Map<String, Type> TYPED = typed();

    private AttributeTypes() {
    }

    /** The type of attribute {@code name} (as the step API names it) of a step of type {@code stepType}. */
    static Type of(String stepType, String name) {
        return TYPED.getOrDefault(stepType + "\n" + name, Type.STRING);
    }

    private static Map<String, Type> typed() {
        Map<String, Type> typed = new HashMap<>();
        for (Class<?> root : new Class<?>[] {JourneyEvent.class, CampaignEvent.class, SegmentEvent.class}) {
            for (Class<?> event : root.getPermittedSubclasses()) {
                for (RecordComponent component : event.getRecordComponents()) {
                    Type type = type(component.getType());
                    if (type != Type.STRING && !"occurredAt".equals(component.getName())) {
                        typed.put(event.getSimpleName() + "\n" + component.getName(), type);
                    }
                }
            }
        }
        return Map.copyOf(typed);
    }

    private static Type type(Class<?> type) {
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class
                || type == float.class) {
            return Type.FLOAT;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Type.INTEGER;
        }
        if (type == Boolean.class || type == boolean.class) {
            return Type.BOOLEAN;
        }
        return type == Instant.class ? Type.TIME : Type.STRING;
    }

    /** Whether the stored text is a value of the type (else it is exported as text). */
    static boolean fits(Type type, String value) {
        try {
            return switch (type) {
                case FLOAT -> Double.isFinite(Double.parseDouble(value));
                case INTEGER -> {
                    Long.parseLong(value);
                    yield true;
                }
                case BOOLEAN -> "true".equals(value) || "false".equals(value);
                case TIME -> {
                    Instant.parse(value);
                    yield true;
                }
                case STRING -> true;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }
}

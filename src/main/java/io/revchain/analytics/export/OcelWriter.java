package io.revchain.analytics.export;

import io.revchain.analytics.HistorySlice;
import io.revchain.analytics.HistorySlice.Asset;
import io.revchain.analytics.HistorySlice.Kind;
import io.revchain.analytics.HistorySlice.ObjectSteps;
import io.revchain.analytics.HistorySlice.ObjectValue;
import io.revchain.analytics.HistorySlice.Relation;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.StepFact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes an export as an OCEL 2.0 JSON object-centric event log (docs/export.md, OCEL): the objects (journeys,
 * campaigns, segments, assets) with their values over time and their object-to-object links, every step as an event
 * with its qualified relationships, and the object and event types with their attributes. Values are written as
 * strings, as the standard's JSON schema requires, and their types are declared with the types. The types come
 * last: they are collected while objects and events are written, so the document is written in one pass and its
 * first bytes leave before the history is even selected (a JSON object's members have no order).
 */
final class OcelWriter extends ChunkSource {

    /** Record time: when revchain learned the step; what {@code knownAt} cuts on. */
    static final String RECORDED_AT = "recordedAt";

    private enum Section {
        JOURNEY_OBJECTS, CAMPAIGN_OBJECTS, SEGMENT_OBJECTS, ASSET_OBJECTS, JOURNEY_EVENTS, CAMPAIGN_EVENTS,
        SEGMENT_EVENTS, END
    }

    private final Supplier<HistorySlice> selection;
    private final JsonGenerator json;
    private final Map<String, Map<String, AttributeTypes.Type>> objectTypes = new LinkedHashMap<>();
    private final Map<String, Map<String, AttributeTypes.Type>> eventTypes = new TreeMap<>();
    private HistorySlice slice;
    private Section section;
    private int index;
    private boolean done;

    /** {@code selection} is asked once, after the document's first bytes are out. */
    OcelWriter(Supplier<HistorySlice> selection) {
        this.selection = selection;
        this.json = new JsonFactory().createGenerator(out);
        for (Kind kind : Kind.values()) {
            objectTypes.put(kind.prefix(), new TreeMap<>());
        }
    }

    @Override
    byte[] next() {
        if (done) {
            return null;
        }
        if (section == null) {
            json.writeStartObject();
            json.writeName("objects");
            json.writeStartArray();
            json.flush();
            section = Section.JOURNEY_OBJECTS;
            index = 0;
            return out.take();
        }
        if (slice == null) {
            slice = selection.get();
        }
        while (!done && !out.full()) {
            writeNext();
            json.flush();
        }
        json.flush();
        return out.take();
    }

    /** Writes the next object or event (or closes a section). */
    private void writeNext() {
        switch (section) {
            case JOURNEY_OBJECTS -> {
                if (index < slice.journeys().size()) {
                    JourneyFlow journey = slice.journeys().get(index++);
                    object(Kind.JOURNEY, journey.journeyId(), HistorySlice.values(journey),
                           HistorySlice.links(journey));
                } else {
                    advance(Section.CAMPAIGN_OBJECTS);
                }
            }
            case CAMPAIGN_OBJECTS -> {
                if (index < slice.campaigns().size()) {
                    ObjectSteps campaign = slice.campaigns().get(index++);
                    object(Kind.CAMPAIGN, campaign.id(), HistorySlice.values(campaign), HistorySlice.links(campaign));
                } else {
                    advance(Section.SEGMENT_OBJECTS);
                }
            }
            case SEGMENT_OBJECTS -> {
                if (index < slice.segments().size()) {
                    ObjectSteps segment = slice.segments().get(index++);
                    object(Kind.SEGMENT, segment.id(), HistorySlice.values(segment), List.of());
                } else {
                    advance(Section.ASSET_OBJECTS);
                }
            }
            case ASSET_OBJECTS -> {
                if (index < slice.assets().size()) {
                    Asset asset = slice.assets().get(index++);
                    object(Kind.ASSET, asset.assetId(), HistorySlice.values(asset), HistorySlice.links(asset));
                } else {
                    json.writeEndArray();
                    json.writeName("events");
                    json.writeStartArray();
                    advance(Section.JOURNEY_EVENTS);
                }
            }
            case JOURNEY_EVENTS -> {
                if (index < slice.journeys().size()) {
                    JourneyFlow journey = slice.journeys().get(index++);
                    for (StepFact step : journey.steps()) {
                        event(Kind.JOURNEY, journey.journeyId(), step, HistorySlice.relations(journey, step));
                    }
                } else {
                    advance(Section.CAMPAIGN_EVENTS);
                }
            }
            case CAMPAIGN_EVENTS -> {
                if (index < slice.campaigns().size()) {
                    ObjectSteps campaign = slice.campaigns().get(index++);
                    for (StepFact step : campaign.steps()) {
                        event(Kind.CAMPAIGN, campaign.id(), step,
                              HistorySlice.campaignRelations(campaign.id(), step));
                    }
                } else {
                    advance(Section.SEGMENT_EVENTS);
                }
            }
            case SEGMENT_EVENTS -> {
                if (index < slice.segments().size()) {
                    ObjectSteps segment = slice.segments().get(index++);
                    for (StepFact step : segment.steps()) {
                        event(Kind.SEGMENT, segment.id(), step, HistorySlice.segmentRelations(segment.id()));
                    }
                } else {
                    advance(Section.END);
                }
            }
            case END -> {
                json.writeEndArray();
                json.writeName("objectTypes");
                types(objectTypes);
                json.writeName("eventTypes");
                types(eventTypes);
                json.writeEndObject();
                json.close();
                done = true;
            }
            default -> throw new IllegalStateException(section.name());
        }
    }

    private void advance(Section next) {
        section = next;
        index = 0;
    }

    private static void declare(Map<String, Map<String, AttributeTypes.Type>> eventTypes, StepFact step,
                                Kind owner) {
        Map<String, AttributeTypes.Type> attributes = eventTypes.computeIfAbsent(step.type(), t -> new TreeMap<>());
        attributes(owner, step).forEach((name, value) -> {
            if (!RECORDED_AT.equals(name)) {
                declare(attributes, name, AttributeTypes.of(step.type(), name), value);
            }
        });
        attributes.put(RECORDED_AT, AttributeTypes.Type.TIME);
    }

    /** Declares the attribute with its known type, or as text once a value does not fit that type. */
    private static void declare(Map<String, AttributeTypes.Type> attributes, String name, AttributeTypes.Type type,
                                String value) {
        AttributeTypes.Type fitting = AttributeTypes.fits(type, value) ? type : AttributeTypes.Type.STRING;
        attributes.merge(name, fitting, (a, b) -> a == b ? a : AttributeTypes.Type.STRING);
    }

    private void types(Map<String, Map<String, AttributeTypes.Type>> types) {
        json.writeStartArray();
        for (Map.Entry<String, Map<String, AttributeTypes.Type>> type : types.entrySet()) {
            json.writeStartObject();
            json.writeStringProperty("name", type.getKey());
            json.writeName("attributes");
            json.writeStartArray();
            for (Map.Entry<String, AttributeTypes.Type> attribute : type.getValue().entrySet()) {
                json.writeStartObject();
                json.writeStringProperty("name", attribute.getKey());
                json.writeStringProperty("type", name(attribute.getValue()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The OCEL 2.0 names of the attribute types. */
    private static String name(AttributeTypes.Type type) {
        return switch (type) {
            case STRING -> "string";
            case FLOAT -> "float";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case TIME -> "time";
        };
    }

    private void object(Kind kind, String id, List<ObjectValue> values, List<Relation> links) {
        Map<String, AttributeTypes.Type> declared = objectTypes.get(kind.prefix());
        for (ObjectValue value : values) {
            // Only a campaign's budget is typed: it is a CampaignLaunched field.
            declare(declared, value.name(), kind == Kind.CAMPAIGN ? AttributeTypes.of("CampaignLaunched",
                                                                                       value.name())
                    : AttributeTypes.Type.STRING, value.value());
        }
        json.writeStartObject();
        json.writeStringProperty("id", kind.prefix() + ":" + id);
        json.writeStringProperty("type", kind.prefix());
        json.writeName("attributes");
        json.writeStartArray();
        for (ObjectValue value : values) {
            json.writeStartObject();
            json.writeStringProperty("name", value.name());
            json.writeStringProperty("value", value.value());
            json.writeStringProperty("time", XesWriter.time(value.time()));
            json.writeEndObject();
        }
        json.writeEndArray();
        relationships(links);
        json.writeEndObject();
    }

    private void event(Kind owner, String ownerId, StepFact step, List<Relation> relations) {
        declare(eventTypes, step, owner);
        json.writeStartObject();
        json.writeStringProperty("id", owner.prefix() + ":" + ownerId + "/" + step.stepId());
        json.writeStringProperty("type", step.type());
        json.writeStringProperty("time", XesWriter.time(step.occurredAt()));
        json.writeName("attributes");
        json.writeStartArray();
        for (Map.Entry<String, String> attribute : attributes(owner, step).entrySet()) {
            if (!RECORDED_AT.equals(attribute.getKey())) {
                json.writeStartObject();
                json.writeStringProperty("name", attribute.getKey());
                json.writeStringProperty("value", attribute.getValue());
                json.writeEndObject();
            }
        }
        json.writeStartObject();
        json.writeStringProperty("name", RECORDED_AT);
        json.writeStringProperty("value", XesWriter.time(step.recordedAt()));
        json.writeEndObject();
        json.writeEndArray();
        relationships(relations);
        json.writeEndObject();
    }

    /** A journey step's attributes; a campaign's or segment's without the object's own id. */
    private static Map<String, String> attributes(Kind owner, StepFact step) {
        return owner == Kind.JOURNEY ? HistorySlice.apiAttributes(step) : HistorySlice.objectStepAttributes(step);
    }

    private void relationships(List<Relation> relations) {
        json.writeName("relationships");
        json.writeStartArray();
        for (Relation relation : relations) {
            json.writeStartObject();
            json.writeStringProperty("objectId", relation.object().key());
            json.writeStringProperty("qualifier", relation.qualifier());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}

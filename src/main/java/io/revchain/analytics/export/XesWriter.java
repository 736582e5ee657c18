package io.revchain.analytics.export;

import io.revchain.analytics.Dimension;
import io.revchain.analytics.HistorySlice;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.flow.FlowParameters;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an export as an IEEE 1849 (XES) event log, one trace per journey and one event per visible step in
 * timeline order, with the standard Concept, Time, Organizational and Lifecycle extensions declared
 * (docs/export.md, XES). Written trace by trace into chunks with StAX; the header leaves before the history is
 * selected.
 */
final class XesWriter extends ChunkSource {

    static final String NAMESPACE = "http://www.xes-standard.org/";
    static final String CONCEPT_NAME = "concept:name";
    static final String TIMESTAMP = "time:timestamp";
    static final String RESOURCE = "org:resource";
    static final String TRANSITION = "lifecycle:transition";
    /** The key a step's own activity label (its concept:name from an imported log) is written under. */
    static final String ACTIVITY = "activity";
    private static final List<String> STANDARD = List.of(CONCEPT_NAME, TIMESTAMP, RESOURCE, TRANSITION);
    private static final String[][] EXTENSIONS = {
            {"Concept", "concept", NAMESPACE + "concept.xesext"},
            {"Time", "time", NAMESPACE + "time.xesext"},
            {"Organizational", "org", NAMESPACE + "org.xesext"},
            {"Lifecycle", "lifecycle", NAMESPACE + "lifecycle.xesext"}};

    private final Supplier<HistorySlice> selection;
    private final FlowParameters parameters;
    private HistorySlice slice;
    private final XMLStreamWriter xml;
    private int next = -1;
    private boolean done;

    /** {@code selection} is asked once, after the log's header is out. */
    XesWriter(Supplier<HistorySlice> selection, FlowParameters parameters) {
        this.selection = selection;
        this.parameters = parameters;
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("no XML writer", e);
        }
    }

    @Override
    byte[] next() {
        if (done) {
            return null;
        }
        try {
            if (next < 0) {
                header();
                xml.flush();
                next = 0;
                return out.take();
            }
            if (slice == null) {
                slice = selection.get();
            }
            List<JourneyFlow> journeys = slice.journeys();
            while (next < journeys.size() && !out.full()) {
                trace(journeys.get(next++));
                xml.flush();
            }
            if (next == journeys.size()) {
                xml.writeCharacters("\n");
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndDocument();
                xml.flush();
                xml.close();
                done = true;
            } else {
                xml.flush();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the XES export failed", e);
        }
        return out.take();
    }

    private void header() throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("log");
        xml.writeDefaultNamespace(NAMESPACE);
        // XES 2.0 is IEEE 1849; the schema types xes.version as a decimal.
        xml.writeAttribute("xes.version", "2.0");
        xml.writeAttribute("xes.features", "");
        for (String[] extension : EXTENSIONS) {
            indent(1);
            xml.writeEmptyElement("extension");
            xml.writeAttribute("name", extension[0]);
            xml.writeAttribute("prefix", extension[1]);
            xml.writeAttribute("uri", extension[2]);
        }
        indent(1);
        xml.writeStartElement("global");
        xml.writeAttribute("scope", "trace");
        indent(2);
        attribute("string", CONCEPT_NAME, "__INVALID__");
        indent(1);
        xml.writeEndElement();
        indent(1);
        xml.writeStartElement("global");
        xml.writeAttribute("scope", "event");
        indent(2);
        attribute("string", CONCEPT_NAME, "__INVALID__");
        indent(2);
        attribute("date", TIMESTAMP, "1970-01-01T00:00:00Z");
        indent(2);
        attribute("string", TRANSITION, "complete");
        indent(1);
        xml.writeEndElement();
        indent(1);
        xml.writeEmptyElement("classifier");
        xml.writeAttribute("name", "Activity");
        xml.writeAttribute("keys", CONCEPT_NAME);
        indent(1);
        attribute("string", CONCEPT_NAME, "revchain journeys");
        indent(1);
        attribute("string", "lifecycle:model", "standard");
        // What the export holds, so the file says which window, cut and filters it came from.
        if (parameters.window().from() != null) {
            indent(1);
            attribute("date", "from", time(parameters.window().from()));
        }
        if (parameters.window().to() != null) {
            indent(1);
            attribute("date", "to", time(parameters.window().to()));
        }
        indent(1);
        attribute("date", "asOf", time(parameters.cut().asOf()));
        if (parameters.cut().knownAt() != null) {
            indent(1);
            attribute("date", "knownAt", time(parameters.cut().knownAt()));
        }
        for (Map.Entry<Dimension, String> criterion : parameters.filter().criteria().entrySet()) {
            indent(1);
            attribute("string", "filter." + criterion.getKey().name(), criterion.getValue());
        }
    }

    private void trace(JourneyFlow journey) throws XMLStreamException {
        indent(1);
        xml.writeStartElement("trace");
        indent(2);
        attribute("string", CONCEPT_NAME, journey.journeyId());
        for (StepFact step : journey.steps()) {
            event(step);
        }
        indent(1);
        xml.writeEndElement();
    }

    /**
     * concept:name is the step type (what maps and imports name), time:timestamp business time, lifecycle:transition
     * "complete" (a step is a milestone) unless the step states its own, org:resource who acted, then every other
     * attribute typed where its type is known.
     */
    private void event(StepFact step) throws XMLStreamException {
        Map<String, String> attributes = HistorySlice.apiAttributes(step);
        indent(2);
        xml.writeStartElement("event");
        indent(3);
        attribute("string", CONCEPT_NAME, step.type());
        indent(3);
        attribute("date", TIMESTAMP, time(step.occurredAt()));
        indent(3);
        String transition = attributes.get(TRANSITION);
        attribute("string", TRANSITION, transition == null || transition.isBlank() ? "complete" : transition);
        String resource = resource(step, attributes);
        if (resource != null) {
            indent(3);
            attribute("string", RESOURCE, resource);
        }
        String label = attributes.get(CONCEPT_NAME);
        if (label != null && !attributes.containsKey(ACTIVITY)) {
            indent(3);
            attribute("string", ACTIVITY, label);
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (STANDARD.contains(attribute.getKey())) {
                continue;
            }
            AttributeTypes.Type type = AttributeTypes.of(step.type(), attribute.getKey());
            boolean fits = AttributeTypes.fits(type, attribute.getValue());
            indent(3);
            attribute(fits ? element(type) : "string", attribute.getKey(), attribute.getValue());
        }
        indent(2);
        xml.writeEndElement();
    }

    /** Who acted: the step's own org:resource (an imported log's), else a handoff's {@code to}, else its owner. */
    static String resource(StepFact step, Map<String, String> attributes) {
        for (String candidate : new String[] {attributes.get(RESOURCE),
                "LeadHandedOff".equals(step.type()) ? attributes.get("to") : null, attributes.get("owner")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static String element(AttributeTypes.Type type) {
        return switch (type) {
            case FLOAT -> "float";
            case INTEGER -> "int";
            case BOOLEAN -> "boolean";
            case TIME -> "date";
            case STRING -> "string";
        };
    }

    private void attribute(String element, String key, String value) throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("key", Xml.clean(key));
        xml.writeAttribute("value", Xml.clean(value));
    }

    private void indent(int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}

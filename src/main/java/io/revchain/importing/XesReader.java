package io.revchain.importing;

import java.io.EOFException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams an IEEE 1849 XES log one trace at a time with StAX. Log-level content (extensions, {@code <global>}
 * defaults, classifiers, log attributes) is skipped: a global's dummy timestamp is not an event.
 */
final class XesReader implements AutoCloseable {

    /** An event's attributes in document order; values are String, Long, Double or Boolean. */
    record Event(long number, long line, Map<String, Object> attributes) {
    }

    record Trace(long number, long line, Map<String, Object> attributes, List<Event> events) {
    }

    private static final Set<String> ATTRIBUTE_TYPES = Set.of("string", "date", "int", "float", "boolean", "id");

    private final XMLStreamReader xml;
    private long traces;
    private long events;
    private boolean finished;

    XesReader(InputStream in) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    if (!"log".equals(xml.getLocalName())) {
                        throw new MalformedFileException("not an XES log: the root element is <" + xml.getLocalName()
                                + ">, an XES file starts with <log>");
                    }
                    return;
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        throw new MalformedFileException("not an XES log: the file holds no XML element");
    }

    /** The next trace with all its events, or null after {@code </log>}. */
    Trace nextTrace() {
        if (finished) {
            return null;
        }
        try {
            while (xml.hasNext()) {
                int token = xml.next();
                if (token == XMLStreamConstants.START_ELEMENT) {
                    if ("trace".equals(xml.getLocalName())) {
                        return trace();
                    }
                    skipElement();
                } else if (token == XMLStreamConstants.END_ELEMENT) {
                    finished = true;
                    while (xml.hasNext()) {
                        xml.next();
                    }
                    return null;
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        throw new MalformedFileException("the file ends before </log>: it is truncated");
    }

    private Trace trace() throws XMLStreamException {
        long number = ++traces;
        long line = line();
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<Event> traceEvents = new ArrayList<>();
        while (true) {
            int token = xml.next();
            if (token == XMLStreamConstants.START_ELEMENT) {
                if ("event".equals(xml.getLocalName())) {
                    traceEvents.add(event());
                } else {
                    attribute(attributes);
                }
            } else if (token == XMLStreamConstants.END_ELEMENT) {
                return new Trace(number, line, attributes, traceEvents);
            } else if (token == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedFileException("the file ends inside trace " + number + ": it is truncated");
            }
        }
    }

    private Event event() throws XMLStreamException {
        long number = ++events;
        long line = line();
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (true) {
            int token = xml.next();
            if (token == XMLStreamConstants.START_ELEMENT) {
                attribute(attributes);
            } else if (token == XMLStreamConstants.END_ELEMENT) {
                return new Event(number, line, attributes);
            } else if (token == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedFileException("the file ends inside event " + number + ": it is truncated");
            }
        }
    }

    /** Reads a simple attribute at the cursor; lists, containers and nested meta-attributes are skipped. */
    private void attribute(Map<String, Object> into) throws XMLStreamException {
        String type = xml.getLocalName();
        String key = xml.getAttributeValue(null, "key");
        String value = xml.getAttributeValue(null, "value");
        if (ATTRIBUTE_TYPES.contains(type) && key != null && value != null) {
            into.putIfAbsent(key, typed(type, value));
        }
        skipElement();
    }

    private static Object typed(String type, String value) {
        try {
            switch (type) {
                case "int":
                    return Long.parseLong(value.trim());
                case "float":
                    double number = Double.parseDouble(value.trim());
                    return Double.isFinite(number) ? number : value;
                case "boolean":
                    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(value);
                    }
                    return value;
                default:
                    return value;
            }
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** Skips to the end of the element whose start is at the cursor. */
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int token = xml.next();
            if (token == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (token == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (token == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedFileException("the file ends inside an element: it is truncated");
            }
        }
    }

    private long line() {
        Location location = xml.getLocation();
        return location == null ? 0 : location.getLineNumber();
    }

    private static MalformedFileException malformed(XMLStreamException e) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof EOFException || cause instanceof ZipException) {
                return new MalformedFileException("the gzip data is truncated or corrupt (" + cause.getMessage()
                        + "); compress the complete log again", e);
            }
            if (cause instanceof MalformedFileException m) {
                return m;
            }
        }
        Location location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column "
                                                + location.getColumnNumber();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int detail = message.indexOf("\nMessage: ");
        if (detail >= 0) {
            message = message.substring(detail + "\nMessage: ".length());
        }
        return new MalformedFileException("not well-formed XML" + where + ": " + message, e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the underlying stream is closed by the importer
        }
    }
}

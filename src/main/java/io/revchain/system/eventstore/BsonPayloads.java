package io.revchain.system.eventstore;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Serialized JSON ↔ BSON documents, so that payloads are inspectable documents rather than strings.
 * Payloads that are not JSON objects are wrapped under {@value #WRAPPED}.
 */
final class BsonPayloads {

    static final String WRAPPED = "_value";
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private BsonPayloads() {
    }

    static Document toDocument(String json) {
        String trimmed = json.strip();
        if (trimmed.startsWith("{")) {
            return Document.parse(trimmed);
        }
        return Document.parse("{\"" + WRAPPED + "\":" + trimmed + "}");
    }

    static String toJson(Document document) {
        if (document.size() == 1 && document.containsKey(WRAPPED)) {
            String json = document.toJson(RELAXED);
            int colon = json.indexOf(':');
            return json.substring(colon + 1, json.lastIndexOf('}')).strip();
        }
        return document.toJson(RELAXED);
    }
}

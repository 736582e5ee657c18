package io.revchain.system.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Serialized JSON trees ↔ BSON documents, so that payloads are inspectable documents rather than strings, without
 * printing and parsing JSON text on every write and read. Decimals become Decimal128 and come back exact. Payloads
 * that are not JSON objects are wrapped under {@value #WRAPPED}.
 */
final class BsonPayloads {

    static final String WRAPPED = "_value";
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonPayloads() {
    }

    static Document toDocument(JsonNode node) {
        if (node.isObject()) {
            return (Document) toBson(node);
        }
        return new Document(WRAPPED, toBson(node));
    }

    static JsonNode toJsonNode(Document document) {
        if (document.size() == 1 && document.containsKey(WRAPPED)) {
            return toNode(document.get(WRAPPED));
        }
        return toNode(document);
    }

    private static Object toBson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Document document = new Document();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    document.put(field.getKey(), toBson(field.getValue()));
                }
                return document;
            }
            case ARRAY -> {
                List<Object> values = new ArrayList<>(node.size());
                node.forEach(element -> values.add(toBson(element)));
                return values;
            }
            case STRING -> {
                return node.textValue();
            }
            case NUMBER -> {
                if (node.isInt()) {
                    return node.intValue();
                }
                if (node.isLong()) {
                    return node.longValue();
                }
                if (node.isBigDecimal() || node.isBigInteger()) {
                    return new Decimal128(node.decimalValue());
                }
                return node.doubleValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case BINARY -> {
                try {
                    return node.binaryValue();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            default -> {
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Document document) {
            ObjectNode object = NODES.objectNode();
            document.forEach((key, field) -> object.set(key, toNode(field)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(element -> array.add(toNode(element)));
            return array;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Decimal128 number) {
            return NODES.numberNode(number.bigDecimalValue());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Date date) {
            return NODES.textNode(date.toInstant().toString());
        }
        if (value instanceof ObjectId id) {
            return NODES.textNode(id.toHexString());
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            return toNode(new Document((Map<String, Object>) map));
        }
        return NODES.textNode(value.toString());
    }
}

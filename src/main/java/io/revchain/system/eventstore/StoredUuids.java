package io.revchain.system.eventstore;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * UUIDs in canonical text form (event ids, Axon's trace and correlation ids) stored as 16-byte BSON UUIDs
 * (subtype 4) instead of 36-character strings, and read back as the same text. Only a string whose canonical form
 * it is (lower case, with dashes) is converted, so the text that comes back is always the text that went in.
 */
final class StoredUuids {

    private StoredUuids() {
    }

    /** A BSON UUID for canonical UUID text; anything else as it is. */
    static Object compact(Object value) {
        if (value instanceof String text && text.length() == 36 && text.charAt(8) == '-') {
            try {
                UUID uuid = UUID.fromString(text);
                if (uuid.toString().equals(text)) {
                    ByteBuffer bytes = ByteBuffer.allocate(16);
                    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                    return new Binary(BsonBinarySubType.UUID_STANDARD, bytes.array());
                }
            } catch (IllegalArgumentException notAUuid) {
                return text;
            }
        }
        return value;
    }

    /** The top-level values of a metadata document, compacted. */
    static Document compact(Document metaData) {
        Document compacted = new Document();
        metaData.forEach((key, value) -> compacted.put(key, compact(value)));
        return compacted;
    }

    private static boolean isUuid(Object stored) {
        return stored instanceof Binary binary && binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
               && binary.length() == 16;
    }

    /** The text of a stored value: a BSON UUID as its canonical text; a string as it is. */
    static String text(Object stored) {
        if (isUuid(stored)) {
            ByteBuffer bytes = ByteBuffer.wrap(((Binary) stored).getData());
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        }
        return stored == null ? null : stored.toString();
    }

    /** A stored metadata document with its BSON UUIDs as text again; null stays null. */
    static Document expand(Document metaData) {
        if (metaData == null) {
            return null;
        }
        Document expanded = new Document();
        metaData.forEach((key, value) -> expanded.put(key, isUuid(value) ? text(value) : value));
        return expanded;
    }
}

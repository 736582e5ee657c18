package io.revchain.system.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's index maps, in exactly the order H2's ObjectDataType keeps them: the order
 * of the keys' Java-serialized bytes. H2 serializes both keys on every comparison, dozens of serializations per index
 * lookup; this type remembers the bytes of the keys it meets, so a key is serialized about once.
 * <p>
 * Keys of strings, numbers and booleans are written compactly behind a tag ObjectDataType never writes (a Java
 * serialization of a one-string key takes 163 bytes, with the class descriptions; compactly it takes its string and
 * 3 bytes); any other key is written as ObjectDataType writes it. Both forms are read, so existing data files open
 * unchanged and old and new keys mix in one map: the order does not depend on how a key was written.
 */
final class IndexKeyType extends ObjectDataType {

    /**
     * Keys whose bytes one generation of the cache remembers. Two generations are kept, shared by all index maps
     * (equal keys have equal bytes whatever the map): at most twice this many keys, about 30 MB. A key met in the
     * older generation moves to the newer one, so the keys of the pages near the root, met by every lookup, stay.
     */
    static final int GENERATION = 50_000;

    /** ObjectDataType's tag for a Java-serialized value (package-private there). */
    private static final int SERIALIZED_OBJECT = 19;
    /** A compact key; ObjectDataType's tags stop at 119. */
    static final byte COMPACT = 125;
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;

    private static volatile ConcurrentHashMap<KeyValue, byte[]> newer = new ConcurrentHashMap<>();
    private static volatile ConcurrentHashMap<KeyValue, byte[]> older = new ConcurrentHashMap<>();

    @Override
    public int compare(Object a, Object b) {
        if (a != b && a instanceof KeyValue ka && b instanceof KeyValue kb) {
            return compareNotNull(bytesOf(ka), bytesOf(kb));
        }
        return super.compare(a, b);
    }

    @Override
    public int binarySearch(Object key, Object storage, int size, int initialGuess) {
        if (!(key instanceof KeyValue probe)) {
            return super.binarySearch(key, storage, size, initialGuess);
        }
        byte[] probeBytes = bytesOf(probe);
        Object[] keys = (Object[]) storage;
        int low = 0;
        int high = size - 1;
        int x = initialGuess - 1;
        if (x < 0 || x > high) {
            x = high >>> 1;
        }
        while (low <= high) {
            int compare = keys[x] instanceof KeyValue stored
                    ? compareNotNull(probeBytes, bytesOf(stored))
                    : super.compare(probe, keys[x]);
            if (compare > 0) {
                low = x + 1;
            } else if (compare < 0) {
                high = x - 1;
            } else {
                return x;
            }
            x = (low + high) >>> 1;
        }
        return ~low;
    }

    /**
     * H2 guesses 10 KB for any serialized object until it has written some, and splits pages and sizes its cache by
     * that guess: index pages of two or three keys. The key's real size keeps pages full.
     */
    @Override
    public int getMemory(Object obj) {
        if (obj instanceof KeyValue key && rememberable(key)) {
            return 2 * bytesOf(key).length;
        }
        return super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof KeyValue key && compact(key)) {
            buff.put(COMPACT).putVarInt(key.size());
            for (Object value : key) {
                writeValue(buff, value);
            }
        } else if (obj instanceof KeyValue key) {
            // Byte for byte what ObjectDataType writes for a serialized object.
            byte[] data = bytesOf(key);
            buff.put((byte) SERIALIZED_OBJECT).putVarInt(data.length).put(data);
        } else {
            super.write(buff, obj);
        }
    }

    private static boolean compact(KeyValue key) {
        for (Object value : key) {
            if (!(value == null || value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Double || value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    private static void writeValue(WriteBuffer buff, Object value) {
        if (value == null) {
            buff.put(NULL);
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            buff.put(STRING).putVarInt(utf8.length).put(utf8);
        } else if (value instanceof Long number) {
            buff.put(LONG).putVarLong(number);
        } else if (value instanceof Integer number) {
            buff.put(INT).putVarInt(number);
        } else if (value instanceof Double number) {
            buff.put(DOUBLE).putLong(Double.doubleToRawLongBits(number));
        } else {
            buff.put((Boolean) value ? TRUE : FALSE);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != COMPACT) {
            return super.read(buff);
        }
        buff.get();
        int size = DataUtils.readVarInt(buff);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buff));
        }
        return new KeyValue(values);
    }

    private static Object readValue(ByteBuffer buff) {
        byte kind = buff.get();
        return switch (kind) {
            case NULL -> null;
            case STRING -> {
                byte[] utf8 = new byte[DataUtils.readVarInt(buff)];
                buff.get(utf8);
                yield new String(utf8, StandardCharsets.UTF_8);
            }
            case LONG -> DataUtils.readVarLong(buff);
            case INT -> DataUtils.readVarInt(buff);
            case DOUBLE -> Double.longBitsToDouble(buff.getLong());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> throw new IllegalStateException("Unknown value kind " + kind + " in an index key");
        };
    }

    private byte[] bytesOf(KeyValue key) {
        if (!rememberable(key)) {
            return serialize(key);
        }
        ConcurrentHashMap<KeyValue, byte[]> current = newer;
        byte[] known = current.get(key);
        if (known != null) {
            return known;
        }
        known = older.get(key);
        if (known == null) {
            known = serialize(key);
        }
        if (current.size() >= GENERATION) {
            rotate(current);
        }
        newer.put(key, known);
        return known;
    }

    private static synchronized void rotate(ConcurrentHashMap<KeyValue, byte[]> full) {
        if (newer == full) {
            older = full;
            newer = new ConcurrentHashMap<>();
        }
    }

    /**
     * Only keys of immutable values whose equality implies equal serialized bytes (two equal documents, for example,
     * may hold their fields in different orders).
     */
    private static boolean rememberable(KeyValue key) {
        for (Object value : key) {
            if (!(value == null || value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Double || value instanceof Boolean || value instanceof UUID
                    || value instanceof BigDecimal || value instanceof Date)) {
                return false;
            }
        }
        return true;
    }
}

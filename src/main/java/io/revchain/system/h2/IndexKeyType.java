package io.revchain.system.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.math.BigDecimal;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's index maps: stored exactly as H2's ObjectDataType stores them, in
 * exactly the same order, which is the order of the keys' Java-serialized bytes. H2 serializes both keys on every
 * comparison, dozens of serializations per index lookup; this type remembers the bytes of the keys it meets, so a key
 * is serialized about once. Existing data files open unchanged, and files it writes open with the stock backend.
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
        if (obj instanceof KeyValue key) {
            // Byte for byte what ObjectDataType writes for a serialized object.
            byte[] data = bytesOf(key);
            buff.put((byte) SERIALIZED_OBJECT).putVarInt(data.length).put(data);
        } else {
            super.write(buff, obj);
        }
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

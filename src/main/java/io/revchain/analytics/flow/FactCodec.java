package io.revchain.analytics.flow;

import io.revchain.analytics.StepFact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one object's steps (a journey's or a campaign's) are held in a single byte array: the object's id, then its
 * steps in timeline order (occurredAt, then recordSeq), each as variable-length integers: the step id (packed when it
 * is a prefix and hex digits, a UUID, or the object's id and a suffix), the step type's code, both times and the
 * record sequence as differences to the previous step, and the attributes as codes of names and values (values of
 * an attribute that rarely repeats are written out). About 40 bytes for a step that a {@link StepFact} holds in
 * about 300. Every {@link Instant} comes back exactly, to the nanosecond.
 */
final class FactCodec {

    static final int RAW = 0;
    static final int HEX = 1;
    static final int OWNER = 2;
    static final int UUID = 3;
    static final int NONE = 4;

    /** Hex step id suffixes shorter than this are not worth a dictionary prefix. */
    private static final int MIN_HEX_DIGITS = 8;
    private static final int MAX_PREFIX = 64;
    /** Distinct step id prefixes the dictionary takes at most; later new prefixes are written out. */
    static final int MAX_PREFIXES = 50_000;
    /** An attribute with this many distinct values, most of them new, has its new values written out. */
    private static final int INLINE_AFTER = 10_000;
    /** Seconds beyond which a time is not held in milliseconds (never for times the chain accepts). */
    private static final long MILLIS_SECONDS = 1L << 40;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final Dictionary dictionary;
    /** Per attribute name code: how often it was met, and how many of its values were new to the dictionary. */
    private int[] keySeen = new int[64];
    private int[] keyNew = new int[64];
    private int prefixes;

    FactCodec(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    Dictionary dictionary() {
        return dictionary;
    }

    int prefixes() {
        return prefixes;
    }

    int[] keyStatistics() {
        int n = dictionary.size();
        int[] stats = new int[2 * n];
        for (int i = 0; i < Math.min(n, keySeen.length); i++) {
            stats[2 * i] = keySeen[i];
            stats[2 * i + 1] = keyNew[i];
        }
        return stats;
    }

    void restore(int prefixes, int[] keyStatistics) {
        this.prefixes = prefixes;
        int n = keyStatistics.length / 2;
        keySeen = new int[Math.max(64, n)];
        keyNew = new int[Math.max(64, n)];
        for (int i = 0; i < n; i++) {
            keySeen[i] = keyStatistics[2 * i];
            keyNew[i] = keyStatistics[2 * i + 1];
        }
    }

    // ---- one step, as the writer holds it while re-encoding an object ------------------------------------------

    /** A step in codes; {@code values[i]} is an Integer code or the written-out String. */
    record Step(byte[] stepId, int type, long occurredSecond, int occurredNano, long recordedSecond, int recordedNano,
                long recordSeq, int[] keys, Object[] values) {

        int compareTimeline(Step other) {
            int c = Long.compare(occurredSecond, other.occurredSecond);
            if (c == 0) {
                c = Integer.compare(occurredNano, other.occurredNano);
            }
            return c != 0 ? c : Long.compare(recordSeq, other.recordSeq);
        }
    }

    /** The fact in codes, adding new strings to the dictionary; {@code stepId} from {@link #stepId}. Writer only. */
    Step step(StepFact fact, byte[] stepId) {
        Map<String, String> attributes = fact.attributes();
        int[] keys = new int[attributes.size()];
        Object[] values = new Object[attributes.size()];
        int i = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            int key = dictionary.code(attribute.getKey());
            keys[i] = key;
            values[i] = value(key, attribute.getValue());
            i++;
        }
        Instant occurred = fact.occurredAt();
        Instant recorded = fact.recordedAt();
        return new Step(stepId, dictionary.code(fact.type()), occurred.getEpochSecond(),
                        occurred.getNano(), recorded.getEpochSecond(), recorded.getNano(), fact.recordSeq(), keys,
                        values);
    }

    private Object value(int key, String value) {
        if (key >= keySeen.length) {
            int grown = Math.max(key + 1, keySeen.length * 2);
            keySeen = Arrays.copyOf(keySeen, grown);
            keyNew = Arrays.copyOf(keyNew, grown);
        }
        keySeen[key]++;
        int code = dictionary.find(value);
        if (code >= 0) {
            return code;
        }
        if (keyNew[key] >= INLINE_AFTER && keyNew[key] * 2L > keySeen[key]) {
            return value;
        }
        keyNew[key]++;
        return dictionary.code(value);
    }

    /** The step id as the object's bytes hold it; the same id always gives the same bytes. Writer only. */
    byte[] stepId(String stepId, String ownerId) {
        if (stepId == null) {
            return new byte[] {NONE};
        }
        Sink sink = new Sink(stepId.length() + 4);
        if (isUuid(stepId)) {
            sink.writeVarInt(UUID);
            writeHex(sink, stepId.replace("-", ""));
            return sink.toArray();
        }
        int hexStart = stepId.length();
        while (hexStart > 0 && isHexDigit(stepId.charAt(hexStart - 1))) {
            hexStart--;
        }
        int digits = stepId.length() - hexStart;
        if (digits >= MIN_HEX_DIGITS && hexStart <= MAX_PREFIX) {
            String prefix = stepId.substring(0, hexStart);
            int code = dictionary.find(prefix);
            if (code < 0 && prefixes < MAX_PREFIXES) {
                code = dictionary.code(prefix);
                prefixes++;
            }
            if (code >= 0) {
                sink.writeVarInt(HEX);
                sink.writeVarInt(code);
                sink.writeVarInt(digits);
                writeHex(sink, stepId.substring(hexStart));
                return sink.toArray();
            }
        }
        if (ownerId != null && stepId.startsWith(ownerId) && stepId.length() > ownerId.length()) {
            sink.writeVarInt(OWNER);
            sink.writeString(stepId.substring(ownerId.length()));
            return sink.toArray();
        }
        sink.writeVarInt(RAW);
        sink.writeString(stepId);
        return sink.toArray();
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static void writeHex(Sink sink, String hex) {
        for (int i = 0; i < hex.length(); i += 2) {
            int high = Character.digit(hex.charAt(i), 16);
            int low = i + 1 < hex.length() ? Character.digit(hex.charAt(i + 1), 16) : 0;
            sink.write((byte) (high << 4 | low));
        }
    }

    // ---- a whole object -----------------------------------------------------------------------------------------

    /** The object's bytes: its id and its steps, which must be in timeline order. */
    static byte[] encode(String ownerId, List<Step> steps) {
        Sink sink = new Sink(32 + 40 * steps.size());
        sink.writeString(ownerId);
        sink.writeVarInt(steps.size());
        long[] previous = new long[5];
        for (Step step : steps) {
            writeStep(sink, step, previous);
        }
        return sink.toArray();
    }

    /**
     * The object's bytes with {@code step} added after its last step, if it sorts there (the usual case: events arrive
     * in order); null when it sorts earlier.
     */
    static byte[] append(byte[] blob, Step step) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        int count = cursor.readVarInt();
        long[] previous = new long[5];
        for (int i = 0; i < count; i++) {
            cursor.skipStepId();
            cursor.readVarInt();
            previous = cursor.readTimesAndSeq(previous);
            cursor.skipAttributes();
        }
        if (count > 0 && compareTimeline(step, previous) < 0) {
            return null;
        }
        int stepsStart = stepsStart(blob);
        Sink sink = new Sink(blob.length + 48 + step.stepId.length);
        sink.write(blob, 0, ownerLength(blob));
        sink.writeVarInt(count + 1);
        sink.write(blob, stepsStart, blob.length - stepsStart);
        writeStep(sink, step, previous);
        return sink.toArray();
    }

    private static int compareTimeline(Step step, long[] previous) {
        int c = Long.compare(step.occurredSecond, previous[0]);
        if (c == 0) {
            c = Long.compare(step.occurredNano, previous[1]);
        }
        return c != 0 ? c : Long.compare(step.recordSeq, previous[4]);
    }

    /** Where the step count starts: after the owner id. */
    private static int ownerLength(byte[] blob) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        return cursor.pos;
    }

    private static int stepsStart(byte[] blob) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        cursor.readVarInt();
        return cursor.pos;
    }

    /** previous: occurred second, nano, recorded second, nano, record sequence; updated to this step's. */
    private static void writeStep(Sink sink, Step step, long[] previous) {
        sink.write(step.stepId, 0, step.stepId.length);
        sink.writeVarInt(step.type);
        writeTime(sink, step.occurredSecond, step.occurredNano, previous[0], (int) previous[1]);
        writeTime(sink, step.recordedSecond, step.recordedNano, previous[2], (int) previous[3]);
        sink.writeVarLong(zigzag(step.recordSeq - previous[4]));
        sink.writeVarInt(step.keys.length);
        for (int i = 0; i < step.keys.length; i++) {
            sink.writeVarInt(step.keys[i]);
            if (step.values[i] instanceof Integer code) {
                sink.writeVarLong((long) code << 1);
            } else {
                byte[] text = ((String) step.values[i]).getBytes(StandardCharsets.UTF_8);
                sink.writeVarLong((long) text.length << 1 | 1);
                sink.write(text, 0, text.length);
            }
        }
        previous[0] = step.occurredSecond;
        previous[1] = step.occurredNano;
        previous[2] = step.recordedSecond;
        previous[3] = step.recordedNano;
        previous[4] = step.recordSeq;
    }

    /**
     * A time as the difference to the previous one: in milliseconds when both are whole milliseconds (the usual
     * case), else in seconds followed by the nanoseconds.
     */
    private static void writeTime(Sink sink, long second, int nano, long previousSecond, int previousNano) {
        if (nano % 1_000_000 == 0 && previousNano % 1_000_000 == 0 && Math.abs(second) < MILLIS_SECONDS
                && Math.abs(previousSecond) < MILLIS_SECONDS) {
            long millis = second * 1000 + nano / 1_000_000;
            long previousMillis = previousSecond * 1000 + previousNano / 1_000_000;
            sink.writeVarLong(zigzag(millis - previousMillis) << 1);
        } else {
            sink.writeVarLong(zigzag(second - previousSecond) << 1 | 1);
            sink.writeVarInt(nano);
        }
    }

    /** Every step of the object, in codes (the writer re-encodes an object when a step sorts before its last). */
    static List<Step> steps(byte[] blob) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        int count = cursor.readVarInt();
        Step[] steps = new Step[count];
        long[] previous = new long[5];
        for (int i = 0; i < count; i++) {
            int idStart = cursor.pos;
            cursor.skipStepId();
            byte[] stepId = Arrays.copyOfRange(blob, idStart, cursor.pos);
            int type = cursor.readVarInt();
            previous = cursor.readTimesAndSeq(previous);
            int n = cursor.readVarInt();
            int[] keys = new int[n];
            Object[] values = new Object[n];
            for (int a = 0; a < n; a++) {
                keys[a] = cursor.readVarInt();
                long v = cursor.readVarLong();
                if ((v & 1) == 0) {
                    values[a] = (int) (v >>> 1);
                } else {
                    int length = (int) (v >>> 1);
                    values[a] = new String(blob, cursor.pos, length, StandardCharsets.UTF_8);
                    cursor.pos += length;
                }
            }
            steps[i] = new Step(stepId, type, previous[0], (int) previous[1], previous[2], (int) previous[3],
                                previous[4], keys, values);
        }
        return Arrays.asList(steps);
    }

    /** Whether the object already holds a step with exactly these step id bytes. */
    static boolean holds(byte[] blob, byte[] stepId) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        int count = cursor.readVarInt();
        for (int i = 0; i < count; i++) {
            int start = cursor.pos;
            cursor.skipStepId();
            if (cursor.pos - start == stepId.length
                    && Arrays.equals(blob, start, cursor.pos, stepId, 0, stepId.length)) {
                return true;
            }
            cursor.readVarInt();
            cursor.skipTimesAndSeq();
            cursor.skipAttributes();
        }
        return false;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    static String owner(byte[] blob) {
        Cursor cursor = new Cursor(blob);
        return cursor.readString();
    }

    /** Every step of the object as facts, in timeline order. */
    static StepFact[] facts(byte[] blob, String[] strings) {
        Cursor cursor = new Cursor(blob);
        String owner = cursor.readString();
        int count = cursor.readVarInt();
        StepFact[] facts = new StepFact[count];
        long[] previous = new long[5];
        for (int i = 0; i < count; i++) {
            String stepId = cursor.readStepId(owner, strings);
            String type = strings[cursor.readVarInt()];
            previous = cursor.readTimesAndSeq(previous);
            int n = cursor.readVarInt();
            Map<String, String> attributes = n == 0 ? Map.of() : new HashMap<>(n * 2);
            for (int a = 0; a < n; a++) {
                String key = strings[cursor.readVarInt()];
                long v = cursor.readVarLong();
                String value;
                if ((v & 1) == 0) {
                    value = strings[(int) (v >>> 1)];
                } else {
                    int length = (int) (v >>> 1);
                    value = new String(blob, cursor.pos, length, StandardCharsets.UTF_8);
                    cursor.pos += length;
                }
                attributes.put(key, value);
            }
            facts[i] = new StepFact(stepId, type, Instant.ofEpochSecond(previous[0], previous[1]),
                                    Instant.ofEpochSecond(previous[2], previous[3]), previous[4], attributes);
        }
        return facts;
    }

    /**
     * Walks the object's steps reading only their types and business times: what a map needs to know where a
     * journey ends. Calls {@code visitor} per step with the type code and occurredAt.
     */
    static void walk(byte[] blob, StepVisitor visitor) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        int count = cursor.readVarInt();
        long[] previous = new long[5];
        for (int i = 0; i < count; i++) {
            cursor.skipStepId();
            int type = cursor.readVarInt();
            previous = cursor.readTimesAndSeq(previous);
            cursor.skipAttributes();
            visitor.step(type, previous[0], (int) previous[1]);
        }
    }

    /** Walks the object's steps reading only their times. */
    static void walkTimes(byte[] blob, TimesVisitor visitor) {
        Cursor cursor = new Cursor(blob);
        cursor.skipOwner();
        int count = cursor.readVarInt();
        long[] previous = new long[5];
        for (int i = 0; i < count; i++) {
            cursor.skipStepId();
            cursor.readVarInt();
            previous = cursor.readTimesAndSeq(previous);
            cursor.skipAttributes();
            visitor.step(previous[0], (int) previous[1], previous[2], (int) previous[3]);
        }
    }

    @FunctionalInterface
    interface TimesVisitor {
        void step(long occurredSecond, int occurredNano, long recordedSecond, int recordedNano);
    }

    @FunctionalInterface
    interface StepVisitor {
        void step(int type, long occurredSecond, int occurredNano);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** A growable byte array. */
    static final class Sink {
        byte[] bytes;
        int size;

        Sink(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        void write(byte[] source, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        void writeVarLong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((byte) v);
        }

        void writeVarInt(int v) {
            writeVarLong(v & 0xFFFFFFFFL);
        }

        void writeString(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeVarInt(utf8.length);
            write(utf8, 0, utf8.length);
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads an object's bytes from a position. */
    static final class Cursor {
        final byte[] bytes;
        int pos;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        long readVarLong() {
            long result = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[pos++];
                result |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
                shift += 7;
            }
        }

        int readVarInt() {
            return (int) readVarLong();
        }

        String readString() {
            int length = readVarInt();
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        void skipOwner() {
            int length = readVarInt();
            pos += length;
        }

        void skipStepId() {
            switch (readVarInt()) {
                case RAW, OWNER -> {
                    int length = readVarInt();
                    pos += length;
                }
                case HEX -> {
                    readVarInt();
                    int digits = readVarInt();
                    pos += (digits + 1) / 2;
                }
                case UUID -> pos += 16;
                case NONE -> {
                }
                default -> throw new IllegalStateException("unknown step id kind at " + pos);
            }
        }

        String readStepId(String owner, String[] strings) {
            int kind = readVarInt();
            switch (kind) {
                case RAW:
                    return readString();
                case OWNER:
                    return owner + readString();
                case HEX: {
                    String prefix = strings[readVarInt()];
                    int digits = readVarInt();
                    byte[] hex = new byte[digits];
                    readHex(hex, 0, digits);
                    return prefix.isEmpty() ? new String(hex, StandardCharsets.ISO_8859_1)
                            : prefix + new String(hex, StandardCharsets.ISO_8859_1);
                }
                case UUID: {
                    byte[] text = new byte[36];
                    int at = 0;
                    for (int group : new int[] {8, 4, 4, 4, 12}) {
                        if (at > 0) {
                            text[at++] = '-';
                        }
                        readHex(text, at, group);
                        at += group;
                    }
                    return new String(text, StandardCharsets.ISO_8859_1);
                }
                case NONE:
                    return null;
                default:
                    throw new IllegalStateException("unknown step id kind " + kind + " at " + pos);
            }
        }

        /** Reads {@code digits} hex digits packed two per byte (an odd count leaves the last low half unused). */
        private void readHex(byte[] into, int at, int digits) {
            for (int i = 0; i < digits; i += 2) {
                int b = bytes[pos++] & 0xFF;
                into[at + i] = HEX_DIGITS[b >>> 4];
                if (i + 1 < digits) {
                    into[at + i + 1] = HEX_DIGITS[b & 0x0F];
                }
            }
        }

        /** Reads both times and the record sequence as differences to {@code previous}, which becomes this step's. */
        long[] readTimesAndSeq(long[] previous) {
            readTime(previous[0], (int) previous[1], previous, 0);
            readTime(previous[2], (int) previous[3], previous, 2);
            previous[4] += unzigzag(readVarLong());
            return previous;
        }

        void skipTimesAndSeq() {
            if ((readVarLong() & 1) == 1) {
                readVarInt();
            }
            if ((readVarLong() & 1) == 1) {
                readVarInt();
            }
            readVarLong();
        }

        private void readTime(long previousSecond, int previousNano, long[] into, int at) {
            long v = readVarLong();
            if ((v & 1) == 0) {
                long millis = previousSecond * 1000 + previousNano / 1_000_000 + unzigzag(v >>> 1);
                into[at] = Math.floorDiv(millis, 1000);
                into[at + 1] = Math.floorMod(millis, 1000) * 1_000_000L;
            } else {
                into[at] = previousSecond + unzigzag(v >>> 1);
                into[at + 1] = readVarInt();
            }
        }

        void skipAttributes() {
            int n = readVarInt();
            for (int a = 0; a < n; a++) {
                readVarInt();
                long v = readVarLong();
                if ((v & 1) == 1) {
                    pos += (int) (v >>> 1);
                }
            }
        }
    }
}

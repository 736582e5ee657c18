package io.revchain.analytics.flow;

import java.util.Arrays;

/**
 * The strings facts repeat (step types, attribute names, attribute values, step id prefixes) as small integer codes,
 * in the order they were first met. One writer adds; any thread may read the string of a code it found in a fact
 * published after that code was added.
 */
final class Dictionary {

    private volatile String[] strings = new String[256];
    private volatile int size;
    /** Open addressing: code + 1 of the string hashed there, 0 when free. Writer only. */
    private int[] table = new int[512];

    /** The code of {@code s}, added when new. Writer only. */
    int code(String s) {
        int slot = slot(s);
        int found = table[slot];
        return found != 0 ? found - 1 : add(s, slot);
    }

    /** The code of {@code s}, or -1. Writer only. */
    int find(String s) {
        int found = table[slot(s)];
        return found - 1;
    }

    String string(int code) {
        return strings[code];
    }

    int size() {
        return size;
    }

    /** The heap its arrays and strings take, as a 64-bit JVM with compressed pointers lays them out. */
    long heapBytes() {
        String[] all = strings;
        int n = size;
        long bytes = FactStore.arrayBytes(4, all.length) + FactStore.arrayBytes(4, table.length);
        for (int i = 0; i < n; i++) {
            // A String object and its byte array (one byte per character for Latin-1 text, two otherwise).
            String s = all[i];
            boolean latin1 = s.chars().allMatch(c -> c < 256);
            bytes += 24 + FactStore.arrayBytes(1, latin1 ? s.length() : 2L * s.length());
        }
        return bytes;
    }

    /** A copy of the strings of codes 0 .. size-1 (for a snapshot). */
    String[] strings() {
        int n = size;
        return Arrays.copyOf(strings, n);
    }

    /**
     * The strings by code as they are now, without copying: valid for every code added before this call, so a reader
     * that took an object's bytes and then this array can decode every code those bytes hold.
     */
    String[] current() {
        return strings;
    }

    /** Restores the codes of a snapshot: string i gets code i. */
    static Dictionary of(String[] strings) {
        Dictionary dictionary = new Dictionary();
        for (String s : strings) {
            if (dictionary.code(s) != dictionary.size() - 1) {
                throw new IllegalArgumentException("the string '" + s + "' is in the dictionary twice");
            }
        }
        return dictionary;
    }

    private int slot(String s) {
        int mask = table.length - 1;
        int i = mix(s.hashCode()) & mask;
        while (true) {
            int code = table[i];
            if (code == 0 || strings[code - 1].equals(s)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private int add(String s, int slot) {
        int code = size;
        String[] current = strings;
        if (code == current.length) {
            current = Arrays.copyOf(current, code * 2);
            strings = current;
        }
        current[code] = s;
        table[slot] = code + 1;
        size = code + 1;
        if (size * 2 > table.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        int[] grown = new int[table.length * 2];
        int mask = grown.length - 1;
        String[] current = strings;
        for (int code = 0; code < size; code++) {
            int i = mix(current[code].hashCode()) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = code + 1;
        }
        table = grown;
    }

    static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}

package io.revchain.importing;

import java.util.Arrays;

/**
 * Counts how often each 64-bit key was seen, in an open-addressing table (about 12 bytes a key), so that repeated
 * identical events get distinct, stable ordinals without keeping the keys themselves.
 */
final class OccurrenceCounter {

    private static final long EMPTY = 0L;

    private long[] keys = new long[1 << 12];
    private int[] counts = new int[1 << 12];
    private int size;
    private boolean zeroSeen;
    private int zeroCount;

    /** 0 the first time a key is seen, 1 the second time, and so on. */
    int next(long key) {
        if (key == EMPTY) {
            if (zeroSeen) {
                return ++zeroCount;
            }
            zeroSeen = true;
            return 0;
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return ++counts[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        counts[slot] = 0;
        if (++size * 3 > keys.length * 2) {
            grow();
        }
        return 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
        Arrays.fill(oldKeys, EMPTY);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

package io.revchain.analytics;

import java.time.Duration;
import java.util.Arrays;

/** Descriptive statistics as the metrics define them: mean, and percentiles interpolated like numpy's 'linear'. */
public final class Stats {

    private Stats() {
    }

    public static double hours(Duration d) {
        return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
    }

    /**
     * Percentile p (0..100) of sorted values: virtual index h = (n - 1) * p / 100, then linear interpolation between
     * the closest ranks floor(h) and floor(h) + 1, as numpy.percentile(method='linear').
     */
    public static double percentile(double[] sorted, int n, double p) {
        if (n == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        double h = (n - 1) * (p / 100.0);
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        // numpy's _lerp: interpolate from the nearer end, so the endpoints come out exact.
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** Mean, median and p90 of the first n values (reordered in place); all null when n = 0. */
    public static Summary summarize(double[] values, int n) {
        if (n == 0) {
            return Summary.EMPTY;
        }
        Arrays.sort(values, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return new Summary(sum / n, percentile(values, n, 50), percentile(values, n, 90));
    }

    public record Summary(Double mean, Double median, Double p90) {
        static final Summary EMPTY = new Summary(null, null, null);
    }

    /** A growable list of doubles without boxing. */
    static final class Doubles {
        double[] values = new double[8];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        Summary summarize() {
            return Stats.summarize(values, size);
        }
    }

    /** Exact sum of durations: seconds and nanos kept apart so 100k year-long dwells do not overflow. */
    static final class DurationSum {
        long seconds;
        long nanos;

        void add(Duration d) {
            seconds += d.getSeconds();
            nanos += d.getNano();
        }

        double hours() {
            return seconds / 3600.0 + nanos / 3.6e12;
        }

        int compareTo(DurationSum other) {
            long s = seconds + nanos / 1_000_000_000L;
            long o = other.seconds + other.nanos / 1_000_000_000L;
            if (s != o) {
                return Long.compare(s, o);
            }
            return Long.compare(nanos % 1_000_000_000L, other.nanos % 1_000_000_000L);
        }
    }
}

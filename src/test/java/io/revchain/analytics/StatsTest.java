package io.revchain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    private static final double EPS = 1e-12;

    @Test
    void percentiles_matchNumpyLinear() {
        // numpy: percentile([1,2,3,4], 50) = 2.5, percentile(..., 90) = 3.7, mean 2.5
        assertSummary(new double[]{4, 2, 3, 1}, 2.5, 2.5, 3.7);
        // numpy: [7] -> 7.0 for every percentile
        assertSummary(new double[]{7}, 7.0, 7.0, 7.0);
        // numpy: [3,1,2] -> median 2.0, p90 2.8 (h = 1.8: 2 + 0.8 * 1)
        assertSummary(new double[]{3, 1, 2}, 2.0, 2.0, 2.8);
        // numpy: 10..100 step 10 -> median 55.0, p90 91.0 (h = 8.1)
        assertSummary(new double[]{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 55.0, 55.0, 91.0);
        // numpy: [1.5,1.5,2.0,100.0,3.25] -> median 2.0, p90 61.30000000000001, mean 21.65
        assertSummary(new double[]{1.5, 1.5, 2.0, 100.0, 3.25}, 21.65, 2.0, 61.30000000000001);
        // numpy on check ticket -> decide of the running example (hours): median 35.916666666666664,
        // p90 105.41666666666666, mean 50.544444444444444
        assertSummary(new double[]{0.5, 20.1, 22.2, 49.63333333333333, 50.1, 160.73333333333332},
                50.544444444444444, 35.916666666666664, 105.41666666666666);
    }

    @Test
    void summaryOfNothing_isNull() {
        Stats.Summary s = Stats.summarize(new double[0], 0);
        assertThat(s.mean()).isNull();
        assertThat(s.median()).isNull();
        assertThat(s.p90()).isNull();
    }

    @Test
    void hours_keepSubSecondPrecision() {
        assertThat(Stats.hours(java.time.Duration.ofMinutes(90).plusNanos(360_000_000_000L / 1000)))
                .isCloseTo(1.5 + 0.0001, within(EPS));
    }

    private static void assertSummary(double[] values, double mean, double median, double p90) {
        Stats.Summary s = Stats.summarize(values.clone(), values.length);
        assertThat(s.mean()).isCloseTo(mean, within(EPS));
        assertThat(s.median()).isCloseTo(median, within(EPS));
        assertThat(s.p90()).isCloseTo(p90, within(EPS));
    }
}

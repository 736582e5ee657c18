package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Read latency over 100k journeys (~250k steps) held in memory, the size the live API must answer in 300 ms.
 * Run with: mvn -Pbench test -Dtest=AnalyticsBenchmark. Bounds are generous sanity limits for a shared 2-core box;
 * the printed medians are the numbers to watch.
 */
@Tag("bench")
class AnalyticsBenchmark {

    private static final int JOURNEYS = 100_000;
    private static final int RUNS = 7;

    @Test
    void hundredThousandJourneys_readWellUnderASecond() {
        Duration span = Duration.ofDays(730);
        List<JourneyFacts> facts = SyntheticJourneys.generate(JOURNEYS, 11, T0, span);
        long steps = facts.stream().mapToLong(f -> f.steps().size()).sum();

        long t0 = System.nanoTime();
        List<JourneyTimeline> timelines = JourneyTimeline.ofAll(facts, FUNNEL);
        long prepareMs = (System.nanoTime() - t0) / 1_000_000;

        Instant now = T0.plus(span).plus(Duration.ofDays(60));
        Window quarter = new Window(T0.plus(Duration.ofDays(365)), T0.plus(Duration.ofDays(456)));
        FlowQuery q = FlowQuery.in(quarter);

        long latest = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return StageMetrics.stages(s, q).size() + TransitionMetrics.transitions(s, q).size()
                    + ConversionMetrics.conversions(s, q).size();
        });
        long grouped = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return StageMetrics.stages(s, q.withGroupBy(GroupBy.CAMPAIGN)).size();
        });
        long bitemporal = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines,
                    new Cut(quarter.to(), quarter.to().minus(Duration.ofDays(10))));
            return StageMetrics.stages(s, q).size() + TransitionMetrics.transitions(s, q).size();
        });
        long frames = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return FlowFrames.frames(s, q, Duration.ofDays(1)).size();
        });
        long loop = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return FeedbackLoop.feedback(s, q.withGroupBy(GroupBy.SEGMENT)).size()
                    + FeedbackLoop.rejections(s, q).size();
        });
        long anyAttribute = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            JourneyFilter two = JourneyFilter.NONE.and(Dimension.of("product"), "p3").and(Dimension.CHANNEL, "web");
            return StageMetrics.stages(s, q.withGroupBy(GroupBy.by("product"))).size()
                    + StageMetrics.stages(s, q.withFilter(two)).size();
        });
        long value = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return ValueMetrics.of(s, q, ValueMetrics.DEFAULT_LOOKBACK).stages().size();
        });
        long revenue = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return RevenueMetrics.of(s, List.of(), q.withGroupBy(GroupBy.CAMPAIGN)).origins().size()
                    + Velocity.byQuarter(s, q).periods().size() + SalesPack.of(s, List.of(), q).campaigns().size() + 1;
        });
        long scorecard = median(() -> {
            FlowSnapshot s = FlowSnapshot.of(FUNNEL, timelines, Cut.asOf(now));
            return Scorecard.of(s, q, ValueMetrics.DEFAULT_LOOKBACK, List.of()).lines().size();
        });

        System.out.printf("analytics bench: %d journeys, %d steps; prepare timelines %d ms (once)%n"
                        + "  latest cut, stages+transitions+conversions: %d ms%n"
                        + "  latest cut, stages grouped by campaign:     %d ms%n"
                        + "  asOf/knownAt cut, stages+transitions:       %d ms%n"
                        + "  frames, 91 daily steps:                     %d ms%n"
                        + "  feedback by segment + rejections:           %d ms%n"
                        + "  stages by product + filtered on 2 attributes: %d ms%n"
                        + "  value per stage and weighted pipeline:      %d ms%n"
                        + "  revenue by campaign + velocity + sales pack: %d ms%n"
                        + "  joint scorecard (window and previous):      %d ms%n"
                        + "  ratios to the latest-cut flow read: any attribute %.2f, value %.2f, revenue %.2f, "
                        + "scorecard %.2f%n",
                JOURNEYS, steps, prepareMs, latest, grouped, bitemporal, frames, loop, anyAttribute, value, revenue,
                scorecard, (double) anyAttribute / latest, (double) value / latest, (double) revenue / latest,
                (double) scorecard / latest);
        assertThat(steps).isBetween(200_000L, 300_000L);
        assertThat(latest).isLessThan(1_000);
        assertThat(bitemporal).isLessThan(2_000);
        assertThat(frames).isLessThan(1_000);
        assertThat(scorecard).isLessThan(5_000);
    }

    private static long median(Supplier<Integer> read) {
        long[] ms = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            assertThat(read.get()).isPositive();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}

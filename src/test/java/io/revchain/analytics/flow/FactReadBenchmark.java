package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.ConversionMetrics;
import io.revchain.analytics.Cut;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowQuery;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.StageMetrics;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.TransitionMetrics;
import io.revchain.analytics.Window;
import io.revchain.bench.BenchReport;
import io.revchain.bench.ScaleHistory;
import io.revchain.step.StepRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A quarter's read over 1M, 2M and 5M steps of the scale history, in-process: what `stages` and `flow` compute
 * without HTTP, JSON and the store, so that sizes the full {@code ScaleBenchmark} cannot reach in reasonable time on
 * this machine are measured rather than extrapolated. The facts are added as the node's follower adds them (record
 * times a few hundred microseconds apart, as events written in batches get). Next to it, the code before the
 * compact facts: every journey's timeline kept per map version, and each read builds flows from all of them
 * ({@code FlowSnapshot.of}); the figures of both must be equal. {@code -Dbench.sizes} (1000000,2000000,5000000),
 * {@code -Dbench.beforeUpTo} (2000000: the code before holds about 0.8 KB per step), {@code -Dbench.reads} (40).
 */
@Tag("bench")
class FactReadBenchmark {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.sizes",
                                                                                "1000000,2000000,5000000")
                                                                   .split(",")).map(Integer::parseInt).toList();
    private static final int BEFORE_UP_TO = Integer.getInteger("bench.beforeUpTo", 2_000_000);
    private static final int READS = Integer.getInteger("bench.reads", 40);

    @Test
    void quarterReadsAtScale() {
        FlowMap map = ScaleHistory.flowMap();
        Window quarter = Window.quarter(2026, 3, ZoneOffset.UTC);
        FlowQuery query = FlowQuery.in(quarter);
        BenchReport.heading("Quarter reads in-process over %s steps".formatted(
                String.join(", ", SIZES.stream().map(n -> "%,d".formatted(n)).toList())));
        BenchReport.line("- 2 cores, load average %s; max heap %,d MB; %d reads of each after 3 warm-ups",
                         loadAverage(), Runtime.getRuntime().maxMemory() >> 20, READS);
        for (int size : SIZES) {
            FactStore store = new FactStore();
            long t0 = System.nanoTime();
            int journeys = load(store, size);
            double loadSeconds = BenchReport.seconds(System.nanoTime() - t0);
            long steps = store.stepCount();
            Cut cut = Cut.asOf(Instant.now());
            MapView view = new MapView(map, new MapView.Budget(Runtime.getRuntime().maxMemory() / 4));
            Supplier<FlowSnapshot> window = () -> MapFacts.build(store, view, cut, List.of(quarter));
            double[] stages = time(() -> StageMetrics.stages(window.get(), query));
            // As the endpoint computes it: the three tables spread over the cores (FlowReads.flow).
            double[] flow = time(() -> FlowReads.flow(window.get(), query, null));
            int taken = window.get().journeys().size();
            BenchReport.line("%n### %,d steps, %,d journeys (added in %.0f s)%n", steps, journeys, loadSeconds);
            BenchReport.line("- facts' own heap %,d bytes: **%.0f bytes per step**; a quarter takes %,d journeys "
                                     + "(%.0f %%)", store.heapBytes(), (double) store.heapBytes() / steps, taken,
                             100.0 * taken / journeys);
            BenchReport.line("- compact facts, `stages`: p50 **%.0f ms**, p99 **%.0f ms**; `flow` (stages, transitions, "
                                     + "conversions, over the cores as the endpoint computes them): p50 **%.0f ms**, p99 **%.0f ms**", p(stages, 0.5), p(stages, 0.99),
                             p(flow, 0.5), p(flow, 0.99));
            measurePreview(store, view, map, cut, quarter, query);
            if (size <= BEFORE_UP_TO) {
                List<JourneyTimeline> timelines = JourneyTimeline.ofAll(store.journeys(), map);
                Supplier<FlowSnapshot> all = () -> FlowSnapshot.of(map, timelines, cut);
                assertThat(StageMetrics.stages(window.get(), query)).isEqualTo(StageMetrics.stages(all.get(), query));
                assertThat(TransitionMetrics.transitions(window.get(), query))
                        .isEqualTo(TransitionMetrics.transitions(all.get(), query));
                double[] stagesBefore = time(() -> StageMetrics.stages(all.get(), query));
                double[] flowBefore = time(() -> {
                    FlowSnapshot snapshot = all.get();
                    return List.of(StageMetrics.stages(snapshot, query),
                                   TransitionMetrics.transitions(snapshot, query),
                                   ConversionMetrics.conversions(snapshot, query));
                });
                BenchReport.line("- code before (all journeys' timelines, flows of all of them per read), same "
                                         + "figures: `stages` p50 %.0f ms, p99 %.0f ms; `flow` p50 %.0f ms, p99 %.0f ms; "
                                         + "compact against before: stages p50 **%.2f×**, flow p50 **%.2f×**",
                                 p(stagesBefore, 0.5), p(stagesBefore, 0.99), p(flowBefore, 0.5),
                                 p(flowBefore, 0.99), p(stages, 0.5) / p(stagesBefore, 0.5),
                                 p(flow, 0.5) / p(flowBefore, 0.5));
            }
        }
        BenchReport.line("- load average after: %s", loadAverage());
    }

    /**
     * A draft's what-if preview of the quarter, as the endpoint reads it: a draft that changes only SLAs (today's
     * cached flows reused), and one whose flows are built through a view of its own that caches nothing (the path of
     * a draft that changes stages: here the map itself, so that the figures can be compared);
     * against what the preview did before, decoding every journey of history and building its flow. Figures must be
     * equal; the time and the bytes the reading thread allocates per read are reported.
     */
    private static void measurePreview(FactStore store, MapView today, FlowMap map, Cut cut, Window quarter,
                                       FlowQuery query) {
        FlowMap draft = new FlowMap(map.mapId(), 0, map.stages(), map.handoffs());
        List<FlowStage> tighter = map.stages().stream()
                .map(s -> new FlowStage(s.stageId(), s.name(), s.owner(), s.enteredOn(),
                                        s.sla() == null ? null : s.sla().dividedBy(2), s.terminal())).toList();
        FlowMap slaDraft = new FlowMap(map.mapId(), 0, tighter, map.handoffs());
        Supplier<Object> slaOnly = () -> FlowReads.flow(
                MapFacts.draftSnapshot(store, today, slaDraft, cut, List.of(quarter)), query, null);
        Supplier<Object> preview = () -> FlowReads.flow(
                MapFacts.draftSnapshot(store, null, draft, cut, List.of(quarter)), query, null);
        Supplier<Object> previewBefore = () -> FlowReads.flow(FlowSnapshot.fromFacts(draft, store.journeys(), cut),
                                                              query, null);
        assertThat(preview.get()).isEqualTo(previewBefore.get());
        assertThat(slaOnly.get()).isEqualTo(FlowReads.flow(FlowSnapshot.fromFacts(slaDraft, store.journeys(), cut),
                                                           query, null));
        long[] allocated = new long[3];
        double[] sla = time(() -> allocating(slaOnly, allocated, 2));
        double[] now = time(() -> allocating(preview, allocated, 0));
        double[] before = time(() -> allocating(previewBefore, allocated, 1));
        int reads = READS + 3;
        BenchReport.line("- draft preview of the quarter (`flow` of a draft) changing only SLAs: p50 **%.0f ms**, "
                                 + "p99 %.0f ms, %,d MB allocated by the reading thread per read", p(sla, 0.5),
                         p(sla, 0.99), allocated[2] / reads >> 20);
        BenchReport.line("- draft preview with its flows built afresh (the path of a draft that changes stages): p50 **%.0f ms**, p99 %.0f ms, %,d MB per read; as "
                                 + "before (every journey decoded): p50 %.0f ms, p99 %.0f ms, %,d MB per read; ratio "
                                 + "p50 **%.2f×**, allocation **%.2f×**",
                         p(now, 0.5), p(now, 0.99), allocated[0] / reads >> 20, p(before, 0.5), p(before, 0.99),
                         allocated[1] / reads >> 20, p(now, 0.5) / p(before, 0.5),
                         (double) allocated[0] / allocated[1]);
    }

    private static Object allocating(Supplier<Object> read, long[] allocated, int slot) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Object result = read.get();
        allocated[slot] += threads.getCurrentThreadAllocatedBytes() - before;
        return result;
    }

    private static int load(FactStore store, int steps) {
        ScaleHistory history = new ScaleHistory(13);
        Random random = new Random(13);
        // Record times: the history written over a few hours, microseconds apart, as Instant.now() gives them.
        long recordedMicros = Instant.parse("2026-11-01T08:00:00Z").toEpochMilli() * 1000;
        long seq = 0;
        while (seq < steps) {
            for (StepRequest r : history.next()) {
                Map<String, String> attributes = new HashMap<>();
                r.attributes().forEach((k, v) -> attributes.put(k, String.valueOf(v)));
                recordedMicros += 50 + random.nextInt(400);
                Instant recorded = Instant.ofEpochSecond(recordedMicros / 1_000_000, recordedMicros % 1_000_000 * 1000);
                store.addJourneyStep(new StepFact(r.stepId(), r.type(), Instant.parse(r.occurredAt()), recorded,
                                                  ++seq, attributes), r.journeyId());
            }
        }
        return history.journeys();
    }

    private static double[] time(Supplier<Object> read) {
        for (int i = 0; i < 3; i++) {
            assertThat(read.get()).isNotNull();
        }
        double[] millis = new double[READS];
        for (int i = 0; i < READS; i++) {
            long t0 = System.nanoTime();
            Object result = read.get();
            millis[i] = (System.nanoTime() - t0) / 1e6;
            assertThat(result).isNotNull();
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double p(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

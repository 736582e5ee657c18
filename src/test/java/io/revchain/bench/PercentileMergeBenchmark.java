package io.revchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tdunning.math.stats.MergingDigest;
import com.tdunning.math.stats.TDigest;
import io.revchain.analytics.Cut;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.JourneyTimeline;
import io.revchain.analytics.StageVisit;
import io.revchain.analytics.Stats;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.Window;
import io.revchain.step.StepRequest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.DoubleHistogram;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Past one node's memory (docs/scaling.md): when journeys are partitioned across nodes by Axon segment, each node
 * knows the dwell times of its own journeys only, and a stage's median and p90 must be merged. This simulation
 * measures, on the benchmark's synthetic history ({@link ScaleHistory}, the same seed), how far a merged mergeable
 * sketch is from the exact figure the pure functions give over all journeys: t-digest (rank error) and HdrHistogram
 * (relative value error), for 1 to 64 segments, one quarter and all history, with each node's sketch serialized as it
 * would be sent. Exact figures use {@link Stats#percentile} (numpy's 'linear') over every value.
 * {@code -Dbench.simSteps} (1000000).
 */
@Tag("bench")
class PercentileMergeBenchmark {

    private static final int STEPS = Integer.getInteger("bench.simSteps", 1_000_000);
    private static final int[] SEGMENTS = {1, 4, 16, 64};
    private static final double[] COMPRESSIONS = {100, 200};
    private static final int HDR_DIGITS = 2;

    /** One stage's dwell times (hours), by the segment of their journey. */
    private record StageValues(String stageId, List<List<Double>> bySegment) {
    }

    @Test
    void mergedSketchesAgainstExactStagePercentiles() {
        FlowMap map = ScaleHistory.flowMap();
        Function<JourneyFacts, JourneyTimeline> timelines = JourneyTimeline.forMap(map);
        Cut cut = Cut.asOf(ScaleHistory.END);
        Window quarter = Window.quarter(2026, 3, ZoneOffset.UTC);
        int maxSegments = SEGMENTS[SEGMENTS.length - 1];
        List<Segment> segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, maxSegments - 1);
        assertThat(segments).hasSize(maxSegments);

        Map<String, StageValues> inQuarter = new LinkedHashMap<>();
        Map<String, StageValues> allTime = new LinkedHashMap<>();
        for (FlowStage stage : map.stages()) {
            inQuarter.put(stage.stageId(), new StageValues(stage.stageId(), lists(maxSegments)));
            allTime.put(stage.stageId(), new StageValues(stage.stageId(), lists(maxSegments)));
        }
        ScaleHistory history = new ScaleHistory(13);
        long steps = 0;
        long seq = 0;
        long t0 = System.nanoTime();
        while (steps < STEPS) {
            List<StepRequest> requests = history.next();
            String journeyId = requests.get(0).journeyId();
            List<StepFact> facts = new ArrayList<>(requests.size());
            for (StepRequest r : requests) {
                Map<String, String> attributes = new HashMap<>();
                r.attributes().forEach((k, v) -> attributes.put(k, String.valueOf(v)));
                Instant at = Instant.parse(r.occurredAt());
                facts.add(new StepFact(r.stepId(), r.type(), at, at, ++seq, attributes));
            }
            steps += facts.size();
            // The segment Axon's sequencing policy would give the journey's events: by aggregate identifier.
            int segment = segmentOf(segments, "journey:" + journeyId);
            JourneyFlow flow = timelines.apply(new JourneyFacts(journeyId, facts)).under(cut);
            for (StageVisit visit : flow.visits()) {
                if (visit.exited() == null) {
                    continue;
                }
                double hours = Stats.hours(visit.duration());
                allTime.get(visit.stageId()).bySegment().get(segment).add(hours);
                if (visit.departedIn(quarter)) {
                    inQuarter.get(visit.stageId()).bySegment().get(segment).add(hours);
                }
            }
        }
        BenchReport.heading("Merged percentiles across segments: mergeable sketches against exact figures");
        BenchReport.line("- %,d steps of %,d journeys (ScaleHistory, seed 13), stage dwell times in hours as "
                                 + "`stages` computes them; journeys split into Axon segments by aggregate identifier "
                                 + "(`Segment.splitBalanced`, 64 segments grouped into 1, 4, 16, 64 nodes); built in "
                                 + "%.1f s", steps, history.journeys(), BenchReport.seconds(System.nanoTime() - t0));
        BenchReport.line("- t-digest %s (MergingDigest, small encoding sent per node); HdrHistogram %s "
                                 + "(DoubleHistogram, %d significant digits, compressed encoding sent per node)",
                         "3.3", "2.2.2", HDR_DIGITS);
        report("one quarter (" + ScaleHistory.QUARTER + ", departures in it)", inQuarter);
        report("all history", allTime);
    }

    private void report(String what, Map<String, StageValues> stages) {
        BenchReport.line("%n#### %s%n", what);
        BenchReport.line("| nodes | sketch | max rank error p50 | max rank error p90 | max relative error p50 "
                                 + "| max relative error p90 | bytes sent per stage and node (max) | exact values "
                                 + "sent instead (max, 8 B each) |");
        BenchReport.line("|---|---|---|---|---|---|---|---|");
        for (int nodes : SEGMENTS) {
            for (double compression : COMPRESSIONS) {
                Errors errors = new Errors();
                for (StageValues stage : stages.values()) {
                    double[] all = all(stage);
                    if (all.length < 2) {
                        continue;
                    }
                    List<TDigest> sent = new ArrayList<>();
                    for (double[] part : byNode(stage, nodes)) {
                        TDigest digest = TDigest.createMergingDigest(compression);
                        for (double v : part) {
                            digest.add(v);
                        }
                        ByteBuffer wire = ByteBuffer.allocate(digest.smallByteSize());
                        digest.asSmallBytes(wire);
                        errors.bytes = Math.max(errors.bytes, wire.position());
                        errors.exactBytes = Math.max(errors.exactBytes, 8L * part.length);
                        wire.flip();
                        sent.add(MergingDigest.fromBytes(wire));
                    }
                    TDigest merged = TDigest.createMergingDigest(compression);
                    merged.add(sent);
                    errors.add(all, 0.5, merged.quantile(0.5));
                    errors.add(all, 0.9, merged.quantile(0.9));
                }
                errors.emit(nodes, "t-digest δ=" + (int) compression);
            }
            Errors errors = new Errors();
            for (StageValues stage : stages.values()) {
                double[] all = all(stage);
                if (all.length < 2) {
                    continue;
                }
                DoubleHistogram merged = new DoubleHistogram(HDR_DIGITS);
                for (double[] part : byNode(stage, nodes)) {
                    DoubleHistogram h = new DoubleHistogram(HDR_DIGITS);
                    for (double v : part) {
                        // HdrHistogram needs a positive value; a zero dwell (two stages entered at once) stays tiny.
                        h.recordValue(Math.max(v, 1e-6));
                    }
                    ByteBuffer wire = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
                    int size = h.encodeIntoCompressedByteBuffer(wire, 1);
                    errors.bytes = Math.max(errors.bytes, size);
                    errors.exactBytes = Math.max(errors.exactBytes, 8L * part.length);
                    wire.flip();
                    try {
                        merged.add(DoubleHistogram.decodeFromCompressedByteBuffer(wire, 0));
                    } catch (java.util.zip.DataFormatException e) {
                        throw new IllegalStateException(e);
                    }
                }
                errors.add(all, 0.5, merged.getValueAtPercentile(50));
                errors.add(all, 0.9, merged.getValueAtPercentile(90));
            }
            errors.emit(nodes, "HdrHistogram " + HDR_DIGITS + " digits");
        }
        BenchReport.line("%nStages (values in %s): %s", what, summary(stages));
    }

    /** The largest errors over every stage, against the exact percentile over all values. */
    private static final class Errors {
        double rank50;
        double rank90;
        double rel50;
        double rel90;
        long bytes;
        long exactBytes;

        void add(double[] sorted, double p, double estimate) {
            double exact = Stats.percentile(sorted, sorted.length, p * 100);
            // The rank error: how far the estimate's rank is from p, as a fraction of all values.
            double rank = Math.abs(rankOf(sorted, estimate) - p);
            double rel = exact == 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / Math.abs(exact);
            if (p == 0.5) {
                rank50 = Math.max(rank50, rank);
                rel50 = Math.max(rel50, rel);
            } else {
                rank90 = Math.max(rank90, rank);
                rel90 = Math.max(rel90, rel);
            }
        }

        void emit(int nodes, String sketch) {
            BenchReport.line("| %d | %s | %.4f %% | %.4f %% | %.3f %% | %.3f %% | %,d | %,d |", nodes, sketch,
                             rank50 * 100, rank90 * 100, rel50 * 100, rel90 * 100, bytes, exactBytes);
        }
    }

    /** The fraction of values below {@code x}, counting values equal to it as half below. */
    static double rankOf(double[] sorted, double x) {
        int below = lowerBound(sorted, x);
        int upTo = upperBound(sorted, x);
        return (below + (upTo - below) / 2.0) / sorted.length;
    }

    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String summary(Map<String, StageValues> stages) {
        List<String> parts = new ArrayList<>();
        for (StageValues stage : stages.values()) {
            double[] all = all(stage);
            if (all.length >= 2) {
                parts.add("%s %,d (p50 %.1f h, p90 %.1f h)".formatted(stage.stageId(), all.length,
                                                                      Stats.percentile(all, all.length, 50),
                                                                      Stats.percentile(all, all.length, 90)));
            }
        }
        return String.join("; ", parts);
    }

    /** The 64 segments' values grouped into {@code nodes} nodes, each node holding consecutive segments. */
    private static List<double[]> byNode(StageValues stage, int nodes) {
        int perNode = stage.bySegment().size() / nodes;
        List<double[]> out = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            List<Double> values = new ArrayList<>();
            for (int s = n * perNode; s < (n + 1) * perNode; s++) {
                values.addAll(stage.bySegment().get(s));
            }
            out.add(values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    private static double[] all(StageValues stage) {
        double[] all = stage.bySegment().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(all);
        return all;
    }

    private static int segmentOf(List<Segment> segments, String aggregateId) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).matches(aggregateId)) {
                return i;
            }
        }
        throw new IllegalStateException("no segment matches " + aggregateId);
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }
}

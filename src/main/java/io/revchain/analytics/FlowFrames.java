package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a window into equal steps for replay. Built on the same visit predicates as {@link StageMetrics}, so the
 * frames add up to the window: summed arrivals and departures equal the window's, summed transition counts equal
 * {@link TransitionMetrics}' counts, and the last frame's WIP equals the window's wipAtEnd.
 */
public final class FlowFrames {

    public static final int MAX_FRAMES = 10_000;

    private FlowFrames() {
    }

    /**
     * Frames [from + k*step, from + (k+1)*step), the last one cut at the window's end. Frames stop after the one
     * holding asOf: nothing is known beyond it. The window needs a start; frames are not grouped (use filters).
     */
    public static List<FrameView> frames(FlowSnapshot snapshot, FlowQuery query, Duration step) {
        Window window = query.window();
        if (step == null || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be a positive duration");
        }
        if (window.from() == null) {
            throw new IllegalArgumentException("frames need a window start");
        }
        if (query.groupBy() != null) {
            throw new IllegalArgumentException("frames are not grouped; filter instead");
        }
        Instant[] ends = frameEnds(window, snapshot.cut().asOf(), step);
        int frames = ends.length;
        StageIndex index = new StageIndex(snapshot.map());
        int n = index.size();
        long[] arrivals = new long[frames * n];
        long[] departures = new long[frames * n];
        long[] wipDelta = new long[(frames + 1) * n];
        List<Map<Integer, Long>> transitions = new ArrayList<>(frames);
        for (int k = 0; k < frames; k++) {
            transitions.add(new TreeMap<>());
        }
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            for (StageVisit visit : journey.visits()) {
                int s = index.of(visit.stageId());
                if (visit.arrivedIn(window)) {
                    arrivals[frameOf(ends, visit.entered()) * n + s]++;
                }
                if (visit.departedIn(window)) {
                    departures[frameOf(ends, visit.exited()) * n + s]++;
                }
                int first = frameOf(ends, visit.entered());
                first = first < 0 ? 0 : first;
                if (first < frames && visit.presentAt(ends[first])) {
                    int last = lastPresent(ends, visit, first);
                    wipDelta[first * n + s]++;
                    wipDelta[(last + 1) * n + s]--;
                }
            }
            for (StageTransition t : journey.transitions()) {
                if (window.contains(t.at())) {
                    int key = index.of(t.fromStage()) * n + index.of(t.toStage());
                    transitions.get(frameOf(ends, t.at())).merge(key, 1L, Long::sum);
                }
            }
        }
        List<FrameView> views = new ArrayList<>(frames);
        long[] wip = new long[n];
        for (int k = 0; k < frames; k++) {
            List<StageFrameView> stages = new ArrayList<>(n);
            for (int s = 0; s < n; s++) {
                wip[s] += wipDelta[k * n + s];
                stages.add(new StageFrameView(index.stage(s).stageId(), arrivals[k * n + s], departures[k * n + s],
                        wip[s]));
            }
            List<TransitionCountView> completed = new ArrayList<>();
            transitions.get(k).forEach((key, count) -> completed.add(new TransitionCountView(
                    index.stage(key / n).stageId(), index.stage(key % n).stageId(), count)));
            Instant start = k == 0 ? window.from() : ends[k - 1];
            views.add(new FrameView(k, start, ends[k], List.copyOf(stages), List.copyOf(completed)));
        }
        return views;
    }

    private static Instant[] frameEnds(Window window, Instant asOf, Duration step) {
        List<Instant> ends = new ArrayList<>();
        Instant start = window.from();
        while ((window.to() == null || start.isBefore(window.to())) && !start.isAfter(asOf)) {
            if (ends.size() == MAX_FRAMES) {
                throw new IllegalArgumentException("more than " + MAX_FRAMES + " frames; use a longer step");
            }
            Instant end = start.plus(step);
            ends.add(window.to() != null && end.isAfter(window.to()) ? window.to() : end);
            start = end;
        }
        return ends.toArray(Instant[]::new);
    }

    /** The frame holding t: the first whose end is after t (frames are contiguous from the window start). */
    private static int frameOf(Instant[] ends, Instant t) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid].isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Last frame whose end boundary still has the visit present; presence is one run of frames from {@code first}. */
    private static int lastPresent(Instant[] ends, StageVisit visit, int first) {
        int lo = first;
        int hi = ends.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (visit.presentAt(ends[mid])) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}

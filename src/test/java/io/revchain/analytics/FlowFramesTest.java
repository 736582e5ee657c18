package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.T0;
import static io.revchain.analytics.Fixtures.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowFramesTest {

    @Test
    void frames_splitTheWindow_byHand() {
        List<FrameView> frames = FlowFrames.frames(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.in(new Window(h(0), h(60))), Duration.ofHours(10));

        assertThat(frames).extracting(FrameView::start, FrameView::end)
                .containsExactly(tuple(h(0), h(10)), tuple(h(10), h(20)), tuple(h(20), h(30)),
                        tuple(h(30), h(40)), tuple(h(40), h(50)), tuple(h(50), h(60)));
        // mql arrivals j1@5 | j5@10, j2@15 | - | - | j3@40 | j4@50; departures j1@20, j3@45, j5@50.
        // WIP at 10: j1; 20: j1 (leaves at 20), j2, j5; 30, 40: j2, j5; 50: j2, j5 (leaves at 50); 60: j2, j4.
        assertThat(frames).extracting(f -> mql(f).arrivals()).containsExactly(1L, 2L, 0L, 0L, 1L, 1L);
        assertThat(frames).extracting(f -> mql(f).departures()).containsExactly(0L, 0L, 1L, 0L, 1L, 1L);
        assertThat(frames).extracting(f -> mql(f).wip()).containsExactly(1L, 3L, 2L, 2L, 2L, 2L);
        assertThat(frames.get(1).transitions()).containsExactly(new TransitionCountView("lead", "mql", 2));
        assertThat(frames.get(2).transitions()).containsExactly(new TransitionCountView("mql", "sal", 1));
    }

    @Test
    void frames_stopAfterTheOneHoldingAsOf() {
        FlowSnapshot snap = Scenarios.fiveJourneys(Cut.asOf(h(45)));
        FlowQuery query = FlowQuery.in(new Window(h(0), null));

        List<FrameView> frames = FlowFrames.frames(snap, query, Duration.ofHours(10));

        assertThat(frames).hasSize(5);
        assertThat(frames.get(4).end()).isEqualTo(h(50));
        // As of 45: j1 in sal, j2 in mql, j5 in mql.
        assertThat(mql(frames.get(4)).wip()).isEqualTo(2);
        assertSumsEqualWindow(snap, query, frames);
    }

    @Test
    void lastFrame_isCutAtTheWindowEnd() {
        List<FrameView> frames = FlowFrames.frames(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.in(new Window(h(0), h(25))), Duration.ofHours(10));

        assertThat(frames).extracting(FrameView::end).containsExactly(h(10), h(20), h(25));
    }

    @Test
    void frames_rejectWhatTheyCannotAnswer() {
        FlowSnapshot snap = Scenarios.fiveJourneys(Cut.asOf(h(100)));
        assertThatThrownBy(() -> FlowFrames.frames(snap, FlowQuery.all(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window start");
        assertThatThrownBy(() -> FlowFrames.frames(snap, FlowQuery.in(new Window(h(0), null)), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> FlowFrames.frames(snap,
                FlowQuery.in(new Window(h(0), null)).withGroupBy(GroupBy.CHANNEL), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grouped");
        assertThatThrownBy(() -> FlowFrames.frames(snap, FlowQuery.in(new Window(h(0), null)),
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames");
    }

    @Test
    void frames_addUpToTheWindowFigures_onRoughRandomData() {
        Random random = new Random(42);
        Duration span = Duration.ofDays(180);
        List<JourneyFacts> facts = SyntheticJourneys.generate(3_000, 7, T0, span);
        List<JourneyTimeline> timelines = JourneyTimeline.ofAll(facts, FUNNEL);
        long arrivalsSeen = 0;
        for (int round = 0; round < 12; round++) {
            Instant asOf = T0.plus(Duration.ofHours(24 + random.nextInt(260 * 24)));
            Instant knownAt = random.nextBoolean() ? null : asOf.minus(Duration.ofHours(random.nextInt(24 * 20)));
            Instant from = T0.plus(Duration.ofHours(random.nextInt((int) Duration.between(T0, asOf).toHours())));
            Instant to = random.nextInt(3) == 0 ? null : from.plus(Duration.ofHours(1 + random.nextInt(24 * 120)));
            Duration step = Duration.ofMinutes(90 + random.nextInt(60 * 24 * 9));
            FlowSnapshot snap = FlowSnapshot.of(FUNNEL, timelines, new Cut(asOf, knownAt));
            FlowQuery query = FlowQuery.in(new Window(from, to))
                    .withFilter(round % 4 == 3 ? new JourneyFilter("web", null, null) : null);

            List<FrameView> frames = FlowFrames.frames(snap, query, step);

            assertThat(frames).isNotEmpty();
            assertSumsEqualWindow(snap, query, frames);
            arrivalsSeen += StageMetrics.stages(snap, query).stream().mapToLong(StageView::arrivals).sum();
            int k = random.nextInt(frames.size());
            Map<String, StageView> upToK = byStage(StageMetrics.stages(snap,
                    query.withWindow(new Window(from, frames.get(k).end()))));
            for (StageFrameView s : frames.get(k).stages()) {
                assertThat(s.wip()).as("wip of %s at frame %d end", s.stageId(), k)
                        .isEqualTo(upToK.get(s.stageId()).wipAtEnd());
            }
        }
        // The rounds must have compared real traffic, not empty windows.
        assertThat(arrivalsSeen).isGreaterThan(1_000);
    }

    private static void assertSumsEqualWindow(FlowSnapshot snap, FlowQuery query, List<FrameView> frames) {
        Map<String, StageView> window = byStage(StageMetrics.stages(snap, query));
        FrameView last = frames.get(frames.size() - 1);
        for (FlowStage stage : FUNNEL.stages()) {
            String id = stage.stageId();
            long arrivals = 0;
            long departures = 0;
            for (FrameView f : frames) {
                arrivals += stageOf(f, id).arrivals();
                departures += stageOf(f, id).departures();
            }
            StageView v = window.get(id);
            assertThat(arrivals).as("arrivals %s", id).isEqualTo(v.arrivals());
            assertThat(departures).as("departures %s", id).isEqualTo(v.departures());
            assertThat(stageOf(last, id).wip()).as("last frame wip %s", id).isEqualTo(v.wipAtEnd());
            if (!stage.terminal()) {
                assertThat(v.wipAtEnd()).as("balance %s", id)
                        .isEqualTo(v.wipAtStart() + v.arrivals() - v.departures());
            }
        }
        Map<String, Long> transitionSums = new HashMap<>();
        for (FrameView f : frames) {
            for (TransitionCountView t : f.transitions()) {
                transitionSums.merge(t.fromStage() + ">" + t.toStage(), t.count(), Long::sum);
            }
        }
        Map<String, Long> windowTransitions = new HashMap<>();
        for (TransitionView t : TransitionMetrics.transitions(snap, query)) {
            windowTransitions.put(t.fromStage() + ">" + t.toStage(), t.count());
        }
        assertThat(transitionSums).isEqualTo(windowTransitions);
    }

    private static StageFrameView mql(FrameView frame) {
        return stageOf(frame, "mql");
    }

    private static StageFrameView stageOf(FrameView frame, String stageId) {
        return frame.stages().stream().filter(s -> s.stageId().equals(stageId)).findFirst().orElseThrow();
    }

    private static Map<String, StageView> byStage(List<StageView> rows) {
        Map<String, StageView> map = new HashMap<>();
        rows.forEach(r -> map.put(r.stageId(), r));
        return map;
    }
}

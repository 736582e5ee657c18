package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revchain.analytics.FigureJourneys.StageFigure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The journeys behind a figure, on the five journeys of {@link Scenarios} in the window [10 h, 50 h), asOf 100 h:
 * <pre>
 * mql entered:    j2 (15), j3 (40), j5 (10)                   j1 entered at 5, j4 exactly at the window's end
 * mql departures: j1 (5 → 20: 15 h), j3 (40 → 45: 5 h)        j5 leaves exactly at 50: next window's
 * mql wipAtEnd:   j5 (10 → 50, age 40 h), j2 (open since 15, age 35 h)
 * mql wipAtStart: j1 (in since 5, age 5 h at 10)
 * mql over its 24 h SLA: no departure; j5 (40 h) and j2 (35 h) wait past it at the end
 * mql → sal:      j1 at 20 after 15 h                          j5 arrives in sal exactly at 50
 * </pre>
 */
class FigureJourneysTest {

    private static final FlowQuery WINDOW = FlowQuery.in(new Window(h(10), h(50)));

    private final FlowSnapshot snapshot = Scenarios.fiveJourneys(Cut.asOf(h(100)));

    @Test
    void enteredListsEachJourneyOnceWithItsTimeInTheStage() {
        JourneysBehindView view = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.ENTERED, 100);

        assertThat(view.total()).isEqualTo(3);
        // Time in mql up to min(to, asOf) = 50: j5 10 → 50 = 40 h, j2 15 → 50 = 35 h, j3 40 → 45 = 5 h.
        assertThat(view.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j5", "j2", "j3");
        assertThat(view.journeys()).extracting(JourneyRowView::hours).containsExactly(40.0, 35.0, 5.0);
        assertThat(view.figure()).isEqualTo("entered");
        assertThat(view.definitionSection()).startsWith("4. Stage figures");
    }

    @Test
    void departuresCarryTheirDwellAndWhereTheJourneyWentNext() {
        JourneysBehindView view = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.DEPARTURES, 100);

        assertThat(view.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j1", "j3");
        assertThat(view.journeys()).extracting(JourneyRowView::hours).containsExactly(15.0, 5.0);
        assertThat(view.journeys()).extracting(JourneyRowView::nextStage).containsExactly("sal", "lost");
        assertThat(view.journeys().get(0).until()).isEqualTo(h(20));
    }

    @Test
    void wipAtTheBoundariesFollowsTheHalfOpenWindow() {
        JourneysBehindView end = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.WIP_AT_END, 100);
        JourneysBehindView start = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.WIP_AT_START, 100);

        assertThat(end.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j5", "j2");
        assertThat(end.journeys()).extracting(JourneyRowView::state).containsExactly("CLOSED", "OPEN");
        assertThat(start.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j1");
        assertThat(start.journeys().get(0).hours()).isEqualTo(5.0);
    }

    @Test
    void slaBreachesAreTheJourneysWaitingPastTheSlaAtTheEnd() {
        JourneysBehindView view = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.SLA_BREACHES, 100);

        assertThat(view.total()).isEqualTo(2);
        assertThat(view.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j5", "j2");
    }

    @Test
    void transitionListsTheJourneysThatArrivedInTheWindow() {
        JourneysBehindView view = FigureJourneys.transition(snapshot, WINDOW, "mql", "sal", 100);

        assertThat(view.total()).isEqualTo(1);
        JourneyRowView j1 = view.journeys().get(0);
        assertThat(j1.journeyId()).isEqualTo("j1");
        assertThat(j1.since()).isEqualTo(h(5));
        assertThat(j1.until()).isEqualTo(h(20));
        assertThat(j1.hours()).isEqualTo(15.0);
        assertThat(j1.channel()).isEqualTo("web");
    }

    @Test
    void limitKeepsTheLongestButTotalCountsAll() {
        JourneysBehindView view = FigureJourneys.stage(snapshot, WINDOW, "mql", StageFigure.ENTERED, 1);

        assertThat(view.total()).isEqualTo(3);
        assertThat(view.journeys()).extracting(JourneyRowView::journeyId).containsExactly("j5");
    }

    @Test
    void cannotListBreachesOfAStageWithoutSlaNorGroupedRows() {
        assertThatThrownBy(() -> FigureJourneys.stage(snapshot, WINDOW, "lead", StageFigure.SLA_BREACHES, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no SLA");
        assertThatThrownBy(() -> FigureJourneys.stage(snapshot, WINDOW.withGroupBy(GroupBy.CHANNEL), "mql",
                                                       StageFigure.ENTERED, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filter by channel");
        assertThatThrownBy(() -> StageFigure.fromParameter("wip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wipAtEnd");
    }

    @Test
    void totalsEqualTheStageAndTransitionFiguresOnRoughData() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<JourneyFacts> facts = SyntheticJourneys.generate(3_000, 7, start, Duration.ofDays(400));
        for (Cut cut : List.of(Cut.asOf(start.plus(Duration.ofDays(500))),
                               Cut.asOf(start.plus(Duration.ofDays(200))))) {
            FlowSnapshot rough = FlowSnapshot.fromFacts(Fixtures.FUNNEL, facts, cut);
            for (Window window : List.of(new Window(start.plus(Duration.ofDays(90)), start.plus(Duration.ofDays(181))),
                                         new Window(start.plus(Duration.ofDays(150)), null))) {
                FlowQuery query = FlowQuery.in(window);
                Map<StageFigure, ToLongFunction<StageView>> figures = Map.of(
                        StageFigure.ENTERED, StageView::entered, StageFigure.ARRIVALS, StageView::arrivals,
                        StageFigure.DEPARTURES, StageView::departures, StageFigure.WIP_AT_START, StageView::wipAtStart,
                        StageFigure.WIP_AT_END, StageView::wipAtEnd);
                for (StageView row : StageMetrics.stages(rough, query)) {
                    figures.forEach((figure, value) -> assertThat(
                            FigureJourneys.stage(rough, query, row.stageId(), figure, 1).total())
                            .as("%s of %s in %s", figure, row.stageId(), window)
                            .isEqualTo(value.applyAsLong(row)));
                    if (row.slaBreaches() != null) {
                        assertThat(FigureJourneys.stage(rough, query, row.stageId(), StageFigure.SLA_BREACHES, 1)
                                                 .total()).isEqualTo(row.slaBreaches());
                    }
                }
                for (TransitionView t : TransitionMetrics.transitions(rough, query)) {
                    assertThat(FigureJourneys.transition(rough, query, t.fromStage(), t.toStage(), 1).total())
                            .isEqualTo(t.count());
                }
            }
        }
    }

    @Test
    void oneJourneysStepsShowWhichStageEachEntersAndWhatTheCutHides() {
        JourneyTimeline j1 = JourneyTimeline.of(Scenarios.fiveJourneys()[0].facts(), Fixtures.FUNNEL);

        JourneyDetailView view = JourneyDetailView.of(j1, Cut.asOf(h(30)));

        assertThat(view.steps()).extracting(JourneyStepView::type)
                                .containsExactly("LeadCaptured", "LeadQualified", "LeadAccepted");
        assertThat(view.steps()).extracting(JourneyStepView::entersStage).containsExactly("lead", "mql", "sal");
        assertThat(view.hiddenByCut()).isEqualTo(1);
        assertThat(view.visits()).extracting(StageVisit::stageId).containsExactly("lead", "mql", "sal");
        assertThat(view.dimensions().channel()).isEqualTo("web");
    }
}

package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static io.revchain.analytics.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionMetricsTest {

    private static final double EPS = 1e-9;

    @Test
    void transitions_countedInTheWindowOfArrival_withDurationsAndHandoffs() {
        List<TransitionView> rows = TransitionMetrics.transitions(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.in(new Window(h(10), h(50))));

        // Arrivals in [10, 50): lead->mql j5@10 (8h), j2@15 (3h), j3@40 (10h); mql->sal j1@20 (15h);
        // mql->lost j3@45 (5h). Not: j1 lead->mql@5, j5 mql->sal@50, j1 sal->sql@60, j4 mql->sal@80.
        assertThat(rows).extracting(TransitionView::fromStage, TransitionView::toStage, TransitionView::count,
                        TransitionView::handoff, TransitionView::handoffOwner)
                .containsExactly(
                        tuple("lead", "mql", 3L, false, null),
                        tuple("mql", "sal", 1L, true, "revops"),
                        tuple("mql", "lost", 1L, true, null));
        TransitionView leadMql = rows.get(0);
        // 3, 8, 10: mean 7, median 8, p90 9.6.
        assertThat(leadMql.meanHours()).isCloseTo(7.0, within(EPS));
        assertThat(leadMql.medianHours()).isCloseTo(8.0, within(EPS));
        assertThat(leadMql.p90Hours()).isCloseTo(9.6, within(EPS));
        assertThat(rows.get(1).meanHours()).isCloseTo(15.0, within(EPS));
        assertThat(rows).extracting(TransitionView::group).containsOnlyNulls();
    }

    @Test
    void skippedStages_giveADirectTransition() {
        // Imported history: captured, then nothing until won.
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("imported").step("LeadCaptured", h(0)).step("DealWon", h(100)));

        assertThat(TransitionMetrics.transitions(snap, FlowQuery.all()))
                .extracting(TransitionView::fromStage, TransitionView::toStage, TransitionView::count,
                        TransitionView::meanHours, TransitionView::handoff)
                .containsExactly(tuple("lead", "won", 1L, 100.0, true));
    }

    @Test
    void outOfOrderSteps_giveTheSameTransitionsAsOrderedOnes() {
        FlowSnapshot shuffled = snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("x").step("DealWon", h(40)).step("LeadQualified", h(10)).step("LeadCaptured", h(0))
                        .step("OpportunityOpened", h(25)));
        FlowSnapshot ordered = snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("x").step("LeadCaptured", h(0)).step("LeadQualified", h(10))
                        .step("OpportunityOpened", h(25)).step("DealWon", h(40)));

        assertThat(TransitionMetrics.transitions(shuffled, FlowQuery.all()))
                .isEqualTo(TransitionMetrics.transitions(ordered, FlowQuery.all()))
                .extracting(TransitionView::fromStage, TransitionView::toStage, TransitionView::meanHours)
                .containsExactly(tuple("lead", "mql", 10.0), tuple("mql", "sql", 15.0), tuple("sql", "won", 15.0));
    }

    @Test
    void groupedTransitions_carryTheGroupFirst() {
        List<TransitionView> rows = TransitionMetrics.transitions(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.all().withGroupBy(GroupBy.CHANNEL));

        // email: j2 lead->mql. web: j1, j3, j5. (none): j4 mql->sal.
        assertThat(rows).extracting(TransitionView::group, TransitionView::fromStage, TransitionView::toStage,
                        TransitionView::count)
                .containsExactly(
                        tuple("email", "lead", "mql", 1L),
                        tuple("web", "lead", "mql", 3L),
                        tuple("web", "mql", "sal", 2L),
                        tuple("web", "mql", "lost", 1L),
                        tuple("web", "sal", "sql", 1L),
                        tuple("(none)", "mql", "sal", 1L));
    }
}

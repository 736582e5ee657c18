package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static io.revchain.analytics.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionMetricsTest {

    @Test
    void cohort_isJourneysEnteringAInTheWindow_reachedIsLaterEntryIntoB() {
        List<ConversionView> rows = ConversionMetrics.conversions(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.in(new Window(h(10), h(50))));

        // lead cohort: j2@12, j3@30. Both qualified; only j3 lost; neither accepted.
        // mql cohort: j5@10, j2@15, j3@40 (j1@5 and j4@50 are outside). j5 accepted at 50 (after the window,
        // before asOf: still counts); j3 lost.
        // sal cohort: j1@20, opportunity at 60.
        assertThat(rows).filteredOn(r -> r.fromStage().equals("lead"))
                .extracting(ConversionView::toStage, ConversionView::cohort, ConversionView::reached,
                        ConversionView::rate)
                .containsExactly(tuple("mql", 2L, 2L, 1.0), tuple("sal", 2L, 0L, 0.0), tuple("sql", 2L, 0L, 0.0),
                        tuple("won", 2L, 0L, 0.0), tuple("lost", 2L, 1L, 0.5));
        assertThat(rows).filteredOn(r -> r.fromStage().equals("mql"))
                .extracting(ConversionView::toStage, ConversionView::cohort, ConversionView::reached,
                        ConversionView::rate)
                .containsExactly(tuple("sal", 3L, 1L, 1.0 / 3), tuple("sql", 3L, 0L, 0.0),
                        tuple("won", 3L, 0L, 0.0), tuple("lost", 3L, 1L, 1.0 / 3));
        assertThat(rows).filteredOn(r -> r.fromStage().equals("sal") && r.toStage().equals("sql"))
                .extracting(ConversionView::cohort, ConversionView::reached, ConversionView::rate)
                .containsExactly(tuple(1L, 1L, 1.0));
        // Nobody entered sql in the window: the rate is undefined, not 0.
        assertThat(rows).filteredOn(r -> r.fromStage().equals("sql"))
                .extracting(ConversionView::cohort, ConversionView::rate)
                .containsOnly(tuple(0L, null));
        // 6 stages: 15 ordered pairs.
        assertThat(rows).hasSize(15);
    }

    @Test
    void noWindow_isAllTime_andAsOfBoundsWhatWasReached() {
        // All time: lead cohort j1, j2, j3, j5; accepted j1 (20), j5 (50).
        assertThat(ConversionMetrics.conversions(Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.all()))
                .filteredOn(r -> r.fromStage().equals("lead") && r.toStage().equals("sal"))
                .extracting(ConversionView::cohort, ConversionView::reached, ConversionView::rate)
                .containsExactly(tuple(4L, 2L, 0.5));
        // As of 45, j5 has not been accepted yet.
        assertThat(ConversionMetrics.conversions(Scenarios.fiveJourneys(Cut.asOf(h(45))), FlowQuery.all()))
                .filteredOn(r -> r.fromStage().equals("lead") && r.toStage().equals("sal"))
                .extracting(ConversionView::cohort, ConversionView::reached)
                .containsExactly(tuple(4L, 1L));
    }

    @Test
    void entryIntoBBeforeTheCohortEntry_doesNotCount() {
        // Accepted at 5, sent back to MQL at 10: the MQL entry in [8, ..) is not followed by an acceptance.
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("back").step("LeadQualified", h(0)).step("LeadAccepted", h(5)).step("LeadQualified", h(10)));

        assertThat(ConversionMetrics.conversions(snap, FlowQuery.in(new Window(h(8), null))))
                .filteredOn(r -> r.fromStage().equals("mql") && r.toStage().equals("sal"))
                .extracting(ConversionView::cohort, ConversionView::reached)
                .containsExactly(tuple(1L, 0L));
        // All time the first MQL entry (0) is the cohort entry, and the acceptance at 5 follows it.
        assertThat(ConversionMetrics.conversions(snap, FlowQuery.all()))
                .filteredOn(r -> r.fromStage().equals("mql") && r.toStage().equals("sal"))
                .extracting(ConversionView::cohort, ConversionView::reached)
                .containsExactly(tuple(1L, 1L));
    }

    @Test
    void skippedStage_isNotReached_butLaterStagesAre() {
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("imported").step("LeadQualified", h(0)).step("DealWon", h(100)));

        assertThat(ConversionMetrics.conversions(snap, FlowQuery.all()))
                .filteredOn(r -> r.fromStage().equals("mql"))
                .extracting(ConversionView::toStage, ConversionView::reached)
                .containsExactly(tuple("sal", 0L), tuple("sql", 0L), tuple("won", 1L), tuple("lost", 0L));
    }

    @Test
    void groupedConversions_perSegment() {
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("a").step("LeadQualified", h(0), "segmentId", "smb").step("LeadAccepted", h(5)),
                journey("b").step("LeadQualified", h(0), "segmentId", "smb"),
                journey("c").step("LeadQualified", h(0), "segmentId", "ent").step("LeadAccepted", h(5)),
                journey("d").step("OpportunityOpened", h(0), "segmentId", "mid"));

        assertThat(ConversionMetrics.conversions(snap, FlowQuery.all().withGroupBy(GroupBy.SEGMENT)))
                .filteredOn(r -> r.fromStage().equals("mql") && r.toStage().equals("sal"))
                .extracting(ConversionView::group, ConversionView::cohort, ConversionView::reached,
                        ConversionView::rate)
                .containsExactly(tuple("ent", 1L, 1L, 1.0), tuple("mid", 0L, 0L, null),
                        tuple("smb", 2L, 1L, 0.5));
    }
}

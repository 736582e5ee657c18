package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static io.revchain.analytics.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantMetricsTest {

    private static final double EPS = 1e-9;

    /**
     * Hours from T0. Funnel stage order: lead, mql, sal, sql, won, lost (won and lost terminal).
     * A web: lead 0, mql 2, mql 5 (no new entry), won 10     → lead > mql > won, 10 h (to its last step), ended
     * B web: lead 1, mql 5, won 7                            → lead > mql > won, 6 h, ended
     * C    : lead 3, mql 4, mql 20                           → lead > mql, 17 h (the repeat at 20 counts), open
     * D ads: lead 4, won 6 (won recorded at 100)             → lead > won, 2 h, ended
     * E    : lead 30                                         → first entry outside [0, 10)
     * F ads: mql 8, lost 9                                   → mql > lost, 1 h, ended
     * G    : an asset used, no stage entry                   → in no variant
     */
    private static FlowSnapshot snapshot(Cut cut) {
        return Fixtures.snapshot(FUNNEL, cut,
                journey("A").step("LeadCaptured", h(0), "channel", "web").step("LeadQualified", h(2))
                            .step("LeadQualified", h(5)).step("DealWon", h(10)),
                journey("B").step("LeadCaptured", h(1), "channel", "web").step("LeadQualified", h(5))
                            .step("DealWon", h(7)),
                journey("C").step("LeadCaptured", h(3)).step("LeadQualified", h(4)).step("LeadQualified", h(20)),
                journey("D").step("LeadCaptured", h(4), "channel", "ads").recorded("DealWon", h(6), h(100)),
                journey("E").step("LeadCaptured", h(30)),
                journey("F").step("LeadQualified", h(8), "channel", "ads").step("DealLost", h(9)),
                journey("G").step("AssetUsed", h(2)));
    }

    /** Five journeys entered in [0, 10): A, B, C, D, F. Count ties are ordered by path in map order. */
    @Test
    void variants_ofTheJourneysThatEnteredInTheWindow_mostFrequentFirst_withShareAndThroughput() {
        List<VariantView> rows = VariantMetrics.variants(snapshot(Cut.asOf(h(1000))),
                                                         FlowQuery.in(new Window(h(0), h(10))), null);

        assertThat(rows).extracting(VariantView::rank, VariantView::variant, VariantView::length, VariantView::count,
                                    VariantView::ended)
                .containsExactly(tuple(1, "lead > mql > won", 3, 2L, 2L),
                                 tuple(2, "lead > mql", 2, 1L, 0L),
                                 tuple(3, "lead > won", 2, 1L, 1L),
                                 tuple(4, "mql > lost", 2, 1L, 1L));
        assertThat(rows.get(0).stages()).containsExactly("lead", "mql", "won");
        assertThat(rows).extracting(VariantView::share).containsExactly(0.4, 0.2, 0.2, 0.2);
        // lead > mql > won: 10 h and 6 h, median and mean 8.
        assertThat(rows.get(0).medianThroughputHours()).isCloseTo(8.0, within(EPS));
        assertThat(rows.get(0).meanThroughputHours()).isCloseTo(8.0, within(EPS));
        assertThat(rows).extracting(VariantView::medianThroughputHours).containsExactly(8.0, 17.0, 2.0, 1.0);
        assertThat(rows).extracting(VariantView::group).containsOnlyNulls();

        List<VariantView> all = VariantMetrics.variants(snapshot(Cut.asOf(h(1000))), FlowQuery.all(), null);
        assertThat(all).extracting(VariantView::variant, VariantView::count)
                       .containsExactly(tuple("lead > mql > won", 2L), tuple("lead", 1L), tuple("lead > mql", 1L),
                                        tuple("lead > won", 1L), tuple("mql > lost", 1L));
    }

    /**
     * asOf 6: A lead 0, mql 2, 5 → lead > mql (5 h); B lead 1, mql 5 (4 h); C lead 3, mql 4 (1 h); D lead 4, won 6
     * (2 h); F not yet. lead > mql: 3 of 4, throughputs 1, 4, 5: median 4, mean 10/3.
     * knownAt 50 instead: D's won is not known yet, so D is "lead" alone (0 h).
     */
    @Test
    void variants_underACut_seeOnlyTheStepsThatExistedOrWereKnownThen() {
        List<VariantView> asOf = VariantMetrics.variants(snapshot(Cut.asOf(h(6))), FlowQuery.all(), null);
        assertThat(asOf).extracting(VariantView::variant, VariantView::count, VariantView::share)
                        .containsExactly(tuple("lead > mql", 3L, 0.75), tuple("lead > won", 1L, 0.25));
        assertThat(asOf.get(0).medianThroughputHours()).isCloseTo(4.0, within(EPS));
        assertThat(asOf.get(0).meanThroughputHours()).isCloseTo(10 / 3.0, within(EPS));

        List<VariantView> knownAt = VariantMetrics.variants(snapshot(new Cut(h(1000), h(50))),
                                                            FlowQuery.in(new Window(h(0), h(10))), null);
        assertThat(knownAt).extracting(VariantView::variant, VariantView::count, VariantView::medianThroughputHours)
                           .containsExactly(tuple("lead > mql > won", 2L, 8.0), tuple("lead", 1L, 0.0),
                                            tuple("lead > mql", 1L, 17.0), tuple("mql > lost", 1L, 1.0));
    }

    /** By channel: ads (D, F), web (A, B), (none) (C); shares within each group; limit 1 keeps each group's first. */
    @Test
    void variants_groupedFilteredAndLimited() {
        FlowQuery window = FlowQuery.in(new Window(h(0), h(10)));
        List<VariantView> grouped = VariantMetrics.variants(snapshot(Cut.asOf(h(1000))),
                                                            window.withGroupBy(GroupBy.CHANNEL), null);
        assertThat(grouped).extracting(VariantView::group, VariantView::rank, VariantView::variant,
                                       VariantView::share)
                .containsExactly(tuple("ads", 1, "lead > won", 0.5), tuple("ads", 2, "mql > lost", 0.5),
                                 tuple("web", 1, "lead > mql > won", 1.0),
                                 tuple(GroupBy.NONE, 1, "lead > mql", 1.0));

        assertThat(VariantMetrics.variants(snapshot(Cut.asOf(h(1000))), window.withGroupBy(GroupBy.CHANNEL), 1))
                .extracting(VariantView::group, VariantView::variant)
                .containsExactly(tuple("ads", "lead > won"), tuple("web", "lead > mql > won"),
                                 tuple(GroupBy.NONE, "lead > mql"));
        assertThat(VariantMetrics.variants(snapshot(Cut.asOf(h(1000))),
                                           window.withFilter(new JourneyFilter("web", null, null)), null))
                .extracting(VariantView::variant, VariantView::count, VariantView::share)
                .containsExactly(tuple("lead > mql > won", 2L, 1.0));
        // Limited, shares stay relative to all five journeys.
        assertThat(VariantMetrics.variants(snapshot(Cut.asOf(h(1000))), window, 2))
                .extracting(VariantView::variant, VariantView::share)
                .containsExactly(tuple("lead > mql > won", 0.4), tuple("lead > mql", 0.2));
        assertThatThrownBy(() -> VariantMetrics.variants(snapshot(Cut.asOf(h(1000))), window, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noJourneyInTheWindow_givesNoRows() {
        assertThat(VariantMetrics.variants(snapshot(Cut.asOf(h(1000))), FlowQuery.in(new Window(h(500), h(600))),
                                           null)).isEmpty();
    }
}

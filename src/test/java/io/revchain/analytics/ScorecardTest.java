package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The joint scorecard and its handoff SLA figures, computed by hand on {@link MoneyScenario}. */
class ScorecardTest {

    private static final Window Q1 = Window.quarter(2024, 1, ZoneOffset.UTC);
    private static final List<QuarterTarget> TARGETS = List.of(
            new QuarterTarget("2024-Q1", new BigDecimal("5000"), "EUR", 10L, null),
            new QuarterTarget("2023-Q4", new BigDecimal("1000"), "EUR", null, null));

    private static Map<String, ScorecardLineView> lines(Scorecard.Figures figures) {
        return figures.lines().stream().collect(Collectors.toMap(
                l -> l.section() + "/" + l.figure() + (l.subject() == null ? "" : "/" + l.subject()),
                Function.identity()));
    }

    private static void assertLine(ScorecardLineView line, String current, String previous) {
        assertThat(line.current()).as(line.figure() + " now").isEqualByComparingTo(current);
        if (previous == null) {
            assertThat(line.previous()).as(line.figure() + " before").isNull();
            assertThat(line.change()).isNull();
        } else {
            assertThat(line.previous()).as(line.figure() + " before").isEqualByComparingTo(previous);
            assertThat(line.change()).isEqualByComparingTo(new BigDecimal(current).subtract(new BigDecimal(previous)));
        }
    }

    @Test
    void aMapCountsOnlyTheJourneysItsStagesSee() {
        // A nurture map with one stage: of the scenario's journeys only n enters it (its webinar at h(5)), so only
        // n's won deal (h(60), 999) and qualification count; a to g add nothing to this map's figures.
        FlowMap nurture = new FlowMap("nurture", 1, List.of(new FlowStage("webinar", "Webinar", "marketing",
                Set.of("WebinarAttended"), null, false)), List.of(), "EUR");
        List<JourneyFacts> facts = new ArrayList<>();
        MoneyScenario.journeys().forEach(j -> facts.add(j.facts()));
        facts.add(Fixtures.journey("n").step("LeadCaptured", h(1)).step("WebinarAttended", h(5))
                          .step("LeadQualified", h(6)).step("DealWon", h(60), "amount", "999").facts());
        FlowSnapshot snapshot = FlowSnapshot.fromFacts(nurture, facts, Cut.asOf(h(200)));

        Map<String, ScorecardLineView> line = lines(Scorecard.of(snapshot, FlowQuery.in(Q1),
                                                                 ValueMetrics.DEFAULT_LOOKBACK, List.of()));
        assertLine(line.get("revenue/wonRevenue"), "999", "0");
        assertLine(line.get("revenue/wonDeals"), "1", "0");
        assertLine(line.get("leads/mqls"), "1", "0");
        assertThat(ValueMetrics.of(snapshot, FlowQuery.in(Q1), ValueMetrics.DEFAULT_LOOKBACK).summary())
                .singleElement().satisfies(row -> assertThat(row.wonRevenue()).isEqualByComparingTo("999"));
    }

    @Test
    void quarterAgainstThePreviousQuarter_withAgreedTargets() {
        Scorecard.Figures figures = Scorecard.of(MoneyScenario.snapshot(Cut.asOf(h(200))), FlowQuery.in(Q1),
                                                 ValueMetrics.DEFAULT_LOOKBACK, TARGETS);
        Map<String, ScorecardLineView> line = lines(figures);

        assertThat(figures.previous()).isEqualTo(Window.quarter(2023, 4, ZoneOffset.UTC));
        assertThat(figures.targetQuarters()).containsExactly("2024-Q1");
        // Won in Q1: a 1200 and e (no amount); in 2023-Q4: f 800.
        assertLine(line.get("revenue/wonRevenue"), "1200", "800");
        assertLine(line.get("revenue/wonDeals"), "2", "1");
        assertLine(line.get("revenue/revenueTarget"), "5000", "1000");
        assertLine(line.get("revenue/targetAttainment"), "0.24", "0.8");
        // Q1 ends after asOf h(200): b (500) and c are open there. At the start of 2024 only d was open (USD).
        assertLine(line.get("pipeline/pipelineValue"), "500", "0");
        assertLine(line.get("pipeline/openJourneys"), "2", "1");
        // b's 500 × sql's 3/5 (a, e, f won; d, g lost) = 300; before: d's value does not count, 0.
        assertLine(line.get("pipeline/weightedPipeline"), "300.00", "0.00");
        // MQLs a, b, c against f; target 10 only for Q1. SALs a, b against f.
        assertLine(line.get("leads/mqls"), "3", "1");
        assertThat(line.get("leads/mqlTarget").current()).isEqualByComparingTo("10");
        assertThat(line.get("leads/mqlTarget").previous()).isNull();
        assertThat(line.get("leads/salTarget").current()).isNull();
        assertLine(line.get("leads/sals"), "2", "1");
        // Sales answered a and b with LeadAccepted and c with LeadRejected: 2/3; before, f only: 1.
        assertThat(line.get("leadQuality/salAcceptanceRate").current().doubleValue())
                .isCloseTo(2.0 / 3, within(1e-12));
        assertLine(line.get("leadQuality/rejections/no budget"), "1", "0");
        // mql -> sal: a waited 10 h in mql (SLA 24 h), b 25 h; both stayed within sal's 48 h. Before: f, 10 h.
        assertLine(line.get("handoffs/senderSlaAdherence/mql->sal"), "0.5", "1.0");
        assertLine(line.get("handoffs/receiverSlaAdherence/mql->sal"), "1.0", "1.0");
        // Won a, e; lost d: 2/3. Before: f won, g lost: 1/2.
        assertThat(line.get("conversion/winRate").previous()).isEqualByComparingTo("0.5");
        // First stage entry in Q1: a, b, c, e; won since: a, e. Before: f, g, d; won: f.
        assertThat(line.get("conversion/leadToWonRate").current()).isEqualByComparingTo("0.5");
        assertThat(line.get("conversion/leadToWonRate").previous().doubleValue()).isCloseTo(1.0 / 3, within(1e-12));
        // Opportunities opened in Q1: a, b, e (a and e used an asset); before: d, f, g (d did).
        assertLine(line.get("salesPack/opportunities"), "3", "3");
        assertLine(line.get("salesPack/opportunitiesUsingAssets"), "2", "1");
        assertLine(line.get("loop/feedbackRecorded"), "0", "0");
        assertThat(line.get("loop/feedbackActionedRate").current()).isNull();
        // No line splits credit between the functions.
        assertThat(figures.lines()).extracting(ScorecardLineView::figure)
                                   .noneMatch(f -> f.toLowerCase().contains("marketing")
                                                   || f.toLowerCase().contains("sales share"));
    }

    @Test
    void targetOfAnotherCurrency_orOfAQuarterOnlyPartlyCovered_doesNotApply() {
        List<QuarterTarget> usd = List.of(new QuarterTarget("2024-Q1", new BigDecimal("5000"), "USD", null, null));
        Map<String, ScorecardLineView> line = lines(Scorecard.of(MoneyScenario.snapshot(Cut.asOf(h(200))),
                FlowQuery.in(Q1), ValueMetrics.DEFAULT_LOOKBACK, usd));
        assertThat(line.get("revenue/revenueTarget").current()).isNull();

        Scorecard.Figures partial = Scorecard.of(MoneyScenario.snapshot(Cut.asOf(h(200))),
                FlowQuery.in(new Window(h(0), h(100))), ValueMetrics.DEFAULT_LOOKBACK, TARGETS);
        assertThat(partial.targetQuarters()).isEmpty();
        assertThat(lines(partial).get("revenue/revenueTarget").current()).isNull();
        // Not a quarter: the previous period is the 100 hours before.
        assertThat(partial.previous()).isEqualTo(new Window(h(-100), h(0)));
    }

    @Test
    void scorecard_needsABoundedWindow_andIsNotGrouped() {
        FlowSnapshot snapshot = MoneyScenario.snapshot(Cut.asOf(h(200)));
        assertThatThrownBy(() -> Scorecard.of(snapshot, FlowQuery.all(), ValueMetrics.DEFAULT_LOOKBACK,
                                              List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scorecard.of(snapshot, FlowQuery.in(Q1).withGroupBy(GroupBy.CHANNEL),
                                              ValueMetrics.DEFAULT_LOOKBACK, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handoffSla_senderSideByTheSendingStage_receiverSideIncludingOverdueWaits() {
        // mql SLA 24 h, sal SLA 48 h. In [0, 100), asOf 200:
        // p: mql 0..10 (within), sal 10..30 (within). q: mql 0..30 (late), sal 30..90 (late, 60 h).
        // r: mql 40..45 (within), still in sal at 100 after 55 h: overdue, counts against the receiver.
        // s: mql 60..62 (within), in sal since 62: 38 h at 100, not yet due.
        FlowSnapshot snapshot = Fixtures.snapshot(FUNNEL, Cut.asOf(h(200)),
                journey("p").step("LeadQualified", h(0)).step("LeadAccepted", h(10)).step("OpportunityOpened", h(30)),
                journey("q").step("LeadQualified", h(0)).step("LeadAccepted", h(30)).step("OpportunityOpened", h(90)),
                journey("r").step("LeadQualified", h(40)).step("LeadAccepted", h(45)),
                journey("s").step("LeadQualified", h(60)).step("LeadAccepted", h(62)));

        List<HandoffSlaView> rows = HandoffSla.adherence(snapshot, FlowQuery.in(new Window(h(0), h(100))));

        assertThat(rows).containsExactly(new HandoffSlaView("mql", "sal", "revops", 24.0, 4, 3L, 0.75, 48.0, 3, 1L,
                                                            1.0 / 3));
    }

    @Test
    void comparison_matchesRowsByKey_oneLinePerNumber_missingRowsNull() {
        record Row(String group, String stage, long count, Double rate, BigDecimal value, String note) {
        }
        List<ComparedFigureView> lines = FigureComparison.compare("stages",
                List.of(new Row(null, "mql", 3, 0.5, new BigDecimal("10.50"), "x"), new Row(null, "sal", 1, null,
                                                                                                BigDecimal.ONE, "y")),
                List.of(new Row(null, "mql", 5, 0.25, new BigDecimal("12"), "z")), Row::group, Row::stage);

        assertThat(lines).containsExactly(
                new ComparedFigureView("stages", null, "mql", "count", BigDecimal.valueOf(3), BigDecimal.valueOf(5),
                                       BigDecimal.valueOf(2)),
                new ComparedFigureView("stages", null, "mql", "rate", BigDecimal.valueOf(0.5),
                                       BigDecimal.valueOf(0.25), new BigDecimal("-0.25")),
                new ComparedFigureView("stages", null, "mql", "value", new BigDecimal("10.50"), new BigDecimal("12"),
                                       new BigDecimal("1.50")),
                new ComparedFigureView("stages", null, "sal", "count", BigDecimal.ONE, null, null),
                new ComparedFigureView("stages", null, "sal", "rate", null, null, null),
                new ComparedFigureView("stages", null, "sal", "value", BigDecimal.ONE, null, null));
    }
}

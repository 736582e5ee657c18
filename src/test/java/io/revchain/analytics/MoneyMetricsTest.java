package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Money figures on {@link MoneyScenario}; every expected value is worked out by hand in the comments. */
class MoneyMetricsTest {

    private static final Window W = new Window(h(0), h(100));
    private static final Duration YEAR = ValueMetrics.DEFAULT_LOOKBACK;

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static <T> Map<String, T> by(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    @Test
    void valuePerStage_enteredLeftOpenWonLostAndWeighted() {
        ValueMetrics.Figures figures = ValueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))), FlowQuery.in(W),
                                                       YEAR);
        Map<String, StageValueView> stage = by(figures.stages(), StageValueView::stageId);

        // sal: a and b arrive (20, 40) without an amount yet; they leave at 30 with a's opportunity (1000 EUR,
        // its own step counts) and at 60 with b's (500): 1500 left.
        StageValueView sal = stage.get("sal");
        assertThat(sal.entered()).isEqualTo(2);
        assertThat(sal.valueEntered()).isEqualByComparingTo("0");
        assertThat(sal.left()).isEqualTo(2);
        assertThat(sal.valueLeft()).isEqualByComparingTo("1500");
        // sql: a (1000), e (none) and b (500) arrive: 1500 entered. a leaves at its win (1200), d at its loss
        // (300 USD: left out), e at its win (no amount): 1200 left. b is open at the end with 500.
        StageValueView sql = stage.get("sql");
        assertThat(sql.entered()).isEqualTo(3);
        assertThat(sql.valueEntered()).isEqualByComparingTo("1500");
        assertThat(sql.left()).isEqualTo(3);
        assertThat(sql.valueLeft()).isEqualByComparingTo("1200");
        assertThat(sql.open()).isEqualTo(1);
        assertThat(sql.openValue()).isEqualByComparingTo("500");
        // History (outcomes in the year before h(100)): a, e, f won and d, g lost all passed through sql: 3 of 5.
        assertThat(sql.winRate()).isCloseTo(0.6, within(1e-12));
        assertThat(sql.winRateBasis()).isEqualTo(5);
        assertThat(sql.weightedValue()).isEqualTo(eur("300.00"));
        // Deals closed in the window that passed through sql: a (1200) and e (no amount) won, d lost (USD: 0).
        assertThat(sql.wonDeals()).isEqualTo(2);
        assertThat(sql.wonRevenue()).isEqualByComparingTo("1200");
        assertThat(sql.averageDealSize()).isEqualTo(eur("1200.00"));
        assertThat(sql.lostDeals()).isEqualTo(1);
        assertThat(sql.lostValue()).isEqualByComparingTo("0");
        // mql: c is still there at the end, with no amount; only a of the window's wins passed through it.
        StageValueView mql = stage.get("mql");
        assertThat(mql.open()).isEqualTo(1);
        assertThat(mql.openWithoutAmount()).isEqualTo(1);
        assertThat(mql.wonDeals()).isEqualTo(1);
        // a and f closed after mql, both won.
        assertThat(mql.winRate()).isEqualTo(1.0);
        // The lost stage: d and g closed there, none won.
        assertThat(stage.get("lost").winRate()).isEqualTo(0.0);
        assertThat(stage.get("lost").averageDealSize()).isNull();
        assertThat(stage.get("won").valueEntered()).isEqualByComparingTo("1200");

        // Totals: b and c open (500), weighted 300; won a and e (1200, e without amount), lost d.
        assertThat(figures.summary()).containsExactly(new ValueSummaryView(null, 2, eur("500"), 1, eur("300.00"),
                eur("0"), 2, eur("1200"), 1, eur("1200.00"), 1, eur("0")));
        assertThat(figures.coverage().currency()).isEqualTo("EUR");
        assertThat(figures.coverage().otherCurrency()).isEqualTo(1);
        assertThat(figures.lookback()).isEqualTo(new Window(h(100).minus(YEAR), h(100)));
    }

    @Test
    void weightedPipeline_usesOnlyOutcomesInsideTheLookback() {
        // Lookback [h(0), h(100)): a and e won, d lost through sql: 2/3; 500 × 2/3 = 333.33.
        ValueMetrics.Figures figures = ValueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))), FlowQuery.in(W),
                                                       Duration.ofHours(100));
        StageValueView sql = by(figures.stages(), StageValueView::stageId).get("sql");
        assertThat(sql.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(sql.weightedValue()).isEqualTo(eur("333.33"));
    }

    @Test
    void valuePerStage_asOf_seesOnlyWhatHadHappened() {
        // At h(55): b is in sal (its opportunity comes at 60), d (300 USD) and e (no amount) are still open in sql,
        // c in mql: 4 open, pipeline 0 (d's amount is in another currency), e the one without any amount in sql.
        ValueMetrics.Figures figures = ValueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(55))), FlowQuery.in(W),
                                                       YEAR);
        StageValueView sql = by(figures.stages(), StageValueView::stageId).get("sql");
        assertThat(sql.open()).isEqualTo(2);
        assertThat(sql.openValue()).isEqualByComparingTo("0");
        assertThat(sql.openWithoutAmount()).isEqualTo(1);
        // Outcomes known before h(55): a won, f won, g lost, all through sql.
        assertThat(sql.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        ValueSummaryView total = figures.summary().get(0);
        assertThat(total.open()).isEqualTo(4);
        assertThat(total.wonDeals()).isEqualTo(1);
        assertThat(total.lostDeals()).isZero();
    }

    @Test
    void valuePerStage_groupedByCampaign_eachGroupWithItsOwnHistory() {
        ValueMetrics.Figures figures = ValueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))),
                FlowQuery.in(W).withGroupBy(GroupBy.CAMPAIGN), YEAR);
        // c1 = a, b, e, f: every closed one won, so b's 500 weighs in full. c2 = c, d. c9 = g: no activity in W.
        assertThat(figures.summary()).extracting(ValueSummaryView::group).containsExactly("c1", "c2");
        StageValueView c1Sql = figures.stages().stream()
                .filter(r -> r.group().equals("c1") && r.stageId().equals("sql")).findFirst().orElseThrow();
        assertThat(c1Sql.winRate()).isEqualTo(1.0);
        assertThat(c1Sql.weightedValue()).isEqualTo(eur("500.00"));
    }

    @Test
    void revenueByOrigin_perChannel_withWinRateAndMedianCycle() {
        List<RevenueView> rows = RevenueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))), List.of(),
                FlowQuery.in(W).withGroupBy(GroupBy.CHANNEL)).origins();

        // web: a won 1200 after 50 h; email: d lost; (none): e won without an amount after 60 h (20 → 80).
        assertThat(rows).containsExactly(
                new RevenueView("email", 0, eur("0"), 0, null, 1, 0.0, null),
                new RevenueView("web", 1, eur("1200"), 0, eur("1200.00"), 0, 1.0, 50 / 24.0),
                new RevenueView("(none)", 1, eur("0"), 1, null, 0, 1.0, 60 / 24.0));

        RevenueView all = RevenueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))), List.of(), FlowQuery.in(W))
                                        .origins().get(0);
        // 2 won of 3 closed; the median of 50 h and 60 h is 55 h.
        assertThat(all.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(all.medianCycleDays()).isCloseTo(55 / 24.0, within(1e-12));
        assertThat(all.wonWithoutAmount()).isEqualTo(1);
    }

    @Test
    void campaignReturn_firstTouchCountsAndRevenue_lastTouchBeside_costsFromTheBudget() {
        Map<String, CampaignReturnView> rows = by(RevenueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))),
                MoneyScenario.campaigns(), FlowQuery.in(W)).campaigns(), CampaignReturnView::campaignId);

        // Started in W: c1 (launched 0) and c3 (launched 1); c2 started at -400, c9 (never launched) at -260.
        assertThat(rows).containsOnlyKeys("c1", "c3");
        // c1's journeys a, b, e, f: 4 leads, 3 MQLs (a, b, f), 3 SALs, 3 won (a 1200, e none, f 800) = 2000.
        // Last touch: a's opportunity names c3, so c1 keeps e and f (800) and c3 gets a (1200).
        assertThat(rows.get("c1")).isEqualTo(new CampaignReturnView("c1", "Spring webinar", "s1", "web", h(0),
                eur("1000"), 4, 3, 3, 3, eur("2000"), 2.0, eur("250.00"), eur("333.33"), eur("333.33"),
                eur("333.33"), 2, eur("800")));
        // c3 has no budget: return and costs are unknown, not zero.
        assertThat(rows.get("c3")).isEqualTo(new CampaignReturnView("c3", "Referral", "s1", null, h(1), null, 0, 0,
                0, 0, eur("0"), null, null, null, null, null, 1, eur("1200")));
    }

    @Test
    void campaignReturn_overAllTime_budgetWithoutCurrencyCounts_campaignNeverLaunchedListedWithoutBudget() {
        Map<String, CampaignReturnView> rows = by(RevenueMetrics.of(MoneyScenario.snapshot(Cut.asOf(h(200))),
                MoneyScenario.campaigns(), FlowQuery.all()).campaigns(), CampaignReturnView::campaignId);

        // c2: c and d, one MQL (c), nothing accepted or won; 600 without currency is taken as EUR.
        assertThat(rows.get("c2")).isEqualTo(new CampaignReturnView("c2", null, "s2", null, h(-400), eur("600"), 2,
                1, 0, 0, eur("0"), 0.0, eur("300.00"), eur("600.00"), null, null, 0, eur("0")));
        // c9: g's campaign, never launched: started at g's first step.
        assertThat(rows.get("c9").startedAt()).isEqualTo(h(-260));
        assertThat(rows.get("c9").budget()).isNull();
        assertThat(rows.get("c9").leads()).isEqualTo(1);
    }

    @Test
    void velocity_opportunitiesTimesWinRateTimesAverageDealOverMedianCycle() {
        List<VelocityView> rows = Velocity.of(MoneyScenario.snapshot(Cut.asOf(h(200))), FlowQuery.all(), List.of(W))
                                          .periods();

        // Opened in W: a, b, e = 3; won a, e, lost d: 2/3; average 1200 (e has no amount); median cycle 55 h.
        // 3 × 2/3 × 1200 ÷ (55/24 days) = 1047.27 per day.
        VelocityView row = rows.get(0);
        assertThat(row.opportunities()).isEqualTo(3);
        assertThat(row.winRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(row.averageDealSize()).isEqualTo(eur("1200.00"));
        assertThat(row.medianCycleDays()).isCloseTo(55 / 24.0, within(1e-12));
        assertThat(row.velocityPerDay()).isEqualTo(eur("1047.27"));
        assertThat(row.period()).isEqualTo(h(0) + "/" + h(100));
    }

    @Test
    void velocity_byQuarter_splitsTheWindowIntoCalendarQuarters() {
        Instant feb = Instant.parse("2024-02-01T00:00:00Z");
        Instant mar = Instant.parse("2024-03-01T00:00:00Z");
        Instant apr = Instant.parse("2024-04-10T00:00:00Z");
        Instant may = Instant.parse("2024-05-10T00:00:00Z");
        FlowSnapshot snapshot = Fixtures.snapshot(MoneyScenario.MAP, Cut.asOf(Instant.parse("2024-06-01T00:00:00Z")),
                journey("q1").step("OpportunityOpened", feb, "segmentId", "s1").step("DealWon", mar, "amount", "100"),
                journey("q2").step("OpportunityOpened", apr, "segmentId", "s1").step("DealWon", may, "amount", "300"));

        List<VelocityView> rows = Velocity.byQuarter(snapshot, FlowQuery.all().withGroupBy(GroupBy.SEGMENT))
                                          .periods();

        // Q1: 1 × 1 × 100 ÷ 29 days (2024 is a leap year) = 3.45; Q2: 1 × 1 × 300 ÷ 30 days = 10.00.
        assertThat(rows).extracting(VelocityView::group, VelocityView::period, VelocityView::velocityPerDay)
                        .containsExactly(tuple("s1", "2024-Q1", eur("3.45")),
                                         tuple("s1", "2024-Q2", eur("10.00")));
    }

    @Test
    void salesPack_neverUsedAssetsFirst_usersAgainstNonUsers() {
        SalesPack.Figures figures = SalesPack.of(MoneyScenario.snapshot(Cut.asOf(h(200))), MoneyScenario.campaigns(),
                                                 FlowQuery.in(W));

        // Never used first, oldest publication first; then by users: case-study and unpublished-deck have 1 each.
        assertThat(figures.assets()).extracting(AssetUsageView::assetId)
                                    .containsExactly("pricing-sheet", "webinar", "case-study", "unpublished-deck");
        // Opportunities of W: a, b, e. case-study: used by a (won, 50 h) and by d (outside the cohort).
        // Non-users b (open) and e (won, 60 h).
        AssetUsageView caseStudy = figures.assets().get(2);
        assertThat(caseStudy).isEqualTo(new AssetUsageView("case-study", "c1", "case-study", h(1), false, 2, h(60),
                3, 1, 1.0 / 3, 1, 1.0, 50 / 24.0, 1, 1.0, 60 / 24.0));
        AssetUsageView webinar = figures.assets().get(1);
        assertThat(webinar.neverUsed()).isTrue();
        assertThat(webinar.usersWinRate()).isNull();
        assertThat(webinar.nonUsersClosed()).isEqualTo(2);
        assertThat(figures.assets().get(3).campaignId()).isNull();

        // Per campaign: c1 (case-study, webinar) used by a; c2 (pricing-sheet) by nobody; unpublished-deck, of no
        // known campaign, by e.
        assertThat(figures.campaigns()).extracting(CampaignAssetUsageView::campaignId,
                                                   CampaignAssetUsageView::neverUsedAssets,
                                                   CampaignAssetUsageView::users)
                .containsExactly(tuple("c1", 1L, 1L),
                                 tuple("c2", 1L, 0L),
                                 tuple("(none)", 0L, 1L));
        assertThat(figures.opportunitiesUsingAssets()).isEqualTo(2);
        assertThat(figures.usageRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(figures.caveat()).startsWith("Association, not cause");
    }

    @Test
    void amountsInAnotherCurrency_areLeftOut_andAMapWithoutCurrencyCountsOnlyAmountsWithoutOne() {
        FlowMap noCurrency = new FlowMap("funnel", 3, Fixtures.FUNNEL.stages(), Fixtures.FUNNEL.handoffs());
        FlowSnapshot snapshot = Fixtures.snapshot(noCurrency, Cut.asOf(h(100)),
                journey("x").step("OpportunityOpened", h(0)).step("DealWon", h(10), "amount", "70", "currency",
                                                                "EUR"),
                journey("y").step("OpportunityOpened", h(0)).step("DealWon", h(10), "amount", "30"));

        RevenueMetrics.Figures figures = RevenueMetrics.of(snapshot, List.of(), FlowQuery.all());
        assertThat(figures.origins().get(0).wonDeals()).isEqualTo(2);
        assertThat(figures.origins().get(0).wonRevenue()).isEqualByComparingTo("30");
        assertThat(figures.coverage()).isEqualTo(new AmountCoverageView(null, 0, 1, 1, 0));
    }
}

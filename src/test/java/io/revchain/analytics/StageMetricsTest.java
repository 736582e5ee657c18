package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static io.revchain.analytics.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StageMetricsTest {

    private static final double EPS = 1e-9;
    private static final Window W10_50 = new Window(h(10), h(50));

    @Test
    void window_countsEntriesDeparturesAndWipAtBothBoundaries() {
        Map<String, StageView> s = byStage(StageMetrics.stages(
                Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50)));

        // lead: arrivals j2@12, j3@30; departures j2 (3h), j3 (10h), j5 (8h, leaves at 10 = window start);
        // at 10 only j5 is present (entered 2 < 10 <= left 10); nobody at 50.
        assertCounts(s.get("lead"), 2, 2, 3, 1, 0);
        // mql: arrivals j5@10 (start is inside), j2@15, j3@40; j4@50 is outside. Departures j1@20 (15h), j3@45 (5h);
        // j5 leaves at 50 = window end: not a departure of this window, still present at its end.
        // WIP at 10: j1 (j5 arrives at 10, counted as arrival). WIP at 50: j2 (open), j5.
        assertCounts(s.get("mql"), 3, 3, 2, 1, 2);
        // sal: j1 arrives at 20 and is still there at 50 (leaves at 60); j5 arriving at 50 belongs to the next window.
        assertCounts(s.get("sal"), 1, 1, 0, 0, 1);
        assertCounts(s.get("sql"), 0, 0, 0, 0, 0);
        // lost: j3 ends there at 45; an ended journey is not WIP.
        assertCounts(s.get("lost"), 1, 1, 0, 0, 0);
    }

    @Test
    void wip_balances_forNonTerminalStages() {
        // wipAtEnd = wipAtStart + arrivals - departures under the boundary convention (entered < t <= exited).
        for (StageView v : StageMetrics.stages(Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50))) {
            if (!FUNNEL.stage(v.stageId()).orElseThrow().terminal()) {
                assertThat(v.wipAtEnd()).as(v.stageId())
                        .isEqualTo(v.wipAtStart() + v.arrivals() - v.departures());
            }
        }
    }

    @Test
    void dwellStatistics_areOverDeparturesInTheWindow() {
        Map<String, StageView> s = byStage(StageMetrics.stages(
                Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50)));

        // lead departures 3h, 10h, 8h: mean 7, median 8, p90 = 8 + 0.8 * (10 - 8) = 9.6 (numpy linear).
        assertDwell(s.get("lead"), 7.0, 8.0, 9.6);
        // mql departures 15h, 5h: mean 10, median 10, p90 = 5 + 0.9 * 10 = 14.
        assertDwell(s.get("mql"), 10.0, 10.0, 14.0);
        // sal: no departure in the window.
        assertThat(s.get("sal").dwellMeanHours()).isNull();
        assertThat(s.get("sal").dwellMedianHours()).isNull();
        assertThat(s.get("sal").dwellP90Hours()).isNull();
    }

    @Test
    void totalDwell_isClippedToTheWindow_andRanksTheBottleneck() {
        Map<String, StageView> s = byStage(StageMetrics.stages(
                Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50)));

        // lead: j2 [12,15) 3 + j3 [30,40) 10 + j5 [2,10) clipped to nothing = 13h
        // mql:  j1 [5,20) -> 10 + j2 [15,50) 35 + j3 [40,45) 5 + j5 [10,50) 40 = 90h
        // sal:  j1 [20,60) -> 30h. Sum 133h.
        assertThat(s.get("lead").totalDwellHours()).isCloseTo(13.0, within(EPS));
        assertThat(s.get("mql").totalDwellHours()).isCloseTo(90.0, within(EPS));
        assertThat(s.get("sal").totalDwellHours()).isCloseTo(30.0, within(EPS));
        assertThat(s.get("sql").totalDwellHours()).isZero();
        assertThat(s.get("mql").totalDwellShare()).isCloseTo(90.0 / 133, within(EPS));
        assertThat(s.get("lead").totalDwellShare()).isCloseTo(13.0 / 133, within(EPS));
        // mql 1, sal 2, lead 3, then the empty stages in map order.
        assertThat(StageMetrics.stages(Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50)))
                .extracting(StageView::stageId, StageView::bottleneckRank)
                .containsExactly(tuple("lead", 3), tuple("mql", 1), tuple("sal", 2), tuple("sql", 4),
                        tuple("won", 5), tuple("lost", 6));
    }

    @Test
    void bottleneck_isStageWithLargestTotalDwell_tiesInMapOrder() {
        // Each stage holds one journey for 10h: all tie, so rank follows map order.
        FlowSnapshot tied = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("a").step("LeadCaptured", h(0)).step("LeadQualified", h(10)).step("LeadAccepted", h(20))
                        .step("OpportunityOpened", h(30)).step("DealWon", h(40)));
        assertThat(StageMetrics.stages(tied, FlowQuery.all()))
                .extracting(StageView::stageId, StageView::bottleneckRank)
                .containsExactly(tuple("lead", 1), tuple("mql", 2), tuple("sal", 3), tuple("sql", 4),
                        tuple("won", 5), tuple("lost", 6));

        // One more hour in SAL makes it the bottleneck.
        FlowSnapshot salSlow = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("a").step("LeadCaptured", h(0)).step("LeadQualified", h(10)).step("LeadAccepted", h(20))
                        .step("OpportunityOpened", h(31)).step("DealWon", h(41)));
        assertThat(StageMetrics.stages(salSlow, FlowQuery.all()))
                .extracting(StageView::stageId, StageView::bottleneckRank)
                .containsExactly(tuple("lead", 2), tuple("mql", 3), tuple("sal", 1), tuple("sql", 4),
                        tuple("won", 5), tuple("lost", 6));
    }

    @Test
    void slaBreaches_countSlowDepartures_andOverdueJourneysStillWaiting() {
        Map<String, StageView> s = byStage(StageMetrics.stages(
                Scenarios.fiveJourneys(Cut.asOf(h(100))), FlowQuery.in(W10_50)));

        // mql SLA 24h: departures 15h and 5h are within it; at the window end j2 has waited 35h and j5 40h.
        assertThat(s.get("mql").slaHours()).isEqualTo(24.0);
        assertThat(s.get("mql").slaBreaches()).isEqualTo(2L);
        // sal SLA 48h: j1 has waited 30h at the window end.
        assertThat(s.get("sal").slaBreaches()).isZero();
        // No SLA, no breach count.
        assertThat(s.get("lead").slaHours()).isNull();
        assertThat(s.get("lead").slaBreaches()).isNull();
    }

    @Test
    void slaBreach_needsDwellStrictlyOverTheSla() {
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("exact").step("LeadQualified", h(0)).step("LeadAccepted", h(24)),
                journey("over").recorded("LeadQualified", h(0), h(0))
                        .step("LeadAccepted", h(0).plus(Duration.ofHours(24).plusSeconds(1))),
                journey("waiting").step("LeadQualified", h(60)));

        // Window [0, 84): exact (24h) is no breach, over (24h 1s) is; waiting has 24h at 84: no breach.
        StageView mql = byStage(StageMetrics.stages(snap, FlowQuery.in(new Window(h(0), h(84))))).get("mql");
        assertThat(mql.departures()).isEqualTo(2);
        assertThat(mql.slaBreaches()).isEqualTo(1L);
        // One second later the waiting journey is overdue too.
        StageView later = byStage(StageMetrics.stages(snap,
                FlowQuery.in(new Window(h(0), h(84).plusSeconds(1))))).get("mql");
        assertThat(later.slaBreaches()).isEqualTo(2L);
    }

    @Test
    void openDwell_agesUntilAsOf() {
        // j2 has been in mql since 15; asOf 40, all time: total mql dwell counts it up to 40 only.
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(40)),
                journey("j2").step("LeadCaptured", h(12)).step("LeadQualified", h(15)));

        StageView mql = byStage(StageMetrics.stages(snap, FlowQuery.all())).get("mql");
        assertThat(mql.wipAtEnd()).isEqualTo(1);
        assertThat(mql.departures()).isZero();
        assertThat(mql.totalDwellHours()).isCloseTo(25.0, within(EPS));
        // 25h > 24h SLA at asOf.
        assertThat(mql.slaBreaches()).isEqualTo(1L);
    }

    @Test
    void asOf_journeyOpenAtAsOfButWonLater_isWipAtAsOf() {
        Fixtures.Journey deal = journey("d").step("OpportunityOpened", h(0)).step("DealWon", h(100));

        Map<String, StageView> at50 = byStage(StageMetrics.stages(snapshot(FUNNEL, Cut.asOf(h(50)), deal),
                FlowQuery.all()));
        assertThat(at50.get("sql").wipAtEnd()).isEqualTo(1);
        assertThat(at50.get("sql").totalDwellHours()).isCloseTo(50.0, within(EPS));
        assertThat(at50.get("won").entered()).isZero();

        Map<String, StageView> at200 = byStage(StageMetrics.stages(snapshot(FUNNEL, Cut.asOf(h(200)), deal),
                FlowQuery.all()));
        assertThat(at200.get("sql").wipAtEnd()).isZero();
        assertThat(at200.get("sql").departures()).isEqualTo(1);
        assertThat(at200.get("won").entered()).isEqualTo(1);

        // A window ending after asOf measures WIP at asOf: the same answer as an open end.
        Map<String, StageView> windowPastAsOf = byStage(StageMetrics.stages(
                snapshot(FUNNEL, Cut.asOf(h(50)), deal), FlowQuery.in(new Window(h(0), h(500)))));
        assertThat(windowPastAsOf.get("sql").wipAtEnd()).isEqualTo(1);
        assertThat(windowPastAsOf.get("sql").totalDwellHours()).isCloseTo(50.0, within(EPS));
    }

    @Test
    void knownAt_lateRecordedStep_changesLaterAnswersOnly() {
        // Qualified at 10 but recorded at 30.
        Fixtures.Journey j = journey("j").step("LeadCaptured", h(0)).recorded("LeadQualified", h(10), h(30));

        Map<String, StageView> known20 = byStage(StageMetrics.stages(
                snapshot(FUNNEL, new Cut(h(100), h(20)), j), FlowQuery.all()));
        // Known at 20: still a lead, 100h in lead.
        assertThat(known20.get("lead").wipAtEnd()).isEqualTo(1);
        assertThat(known20.get("lead").totalDwellHours()).isCloseTo(100.0, within(EPS));
        assertThat(known20.get("mql").entered()).isZero();

        Map<String, StageView> known30 = byStage(StageMetrics.stages(
                snapshot(FUNNEL, new Cut(h(100), h(30)), j), FlowQuery.all()));
        assertThat(known30.get("lead").wipAtEnd()).isZero();
        assertThat(known30.get("lead").departures()).isEqualTo(1);
        assertThat(known30.get("lead").dwellMeanHours()).isCloseTo(10.0, within(EPS));
        assertThat(known30.get("mql").wipAtEnd()).isEqualTo(1);

        assertThat(StageMetrics.stages(snapshot(FUNNEL, Cut.asOf(h(100)), j), FlowQuery.all()))
                .isEqualTo(StageMetrics.stages(snapshot(FUNNEL, new Cut(h(100), h(30)), j), FlowQuery.all()));
    }

    @Test
    void quarterBoundaries_belongToTheQuarterTheyOpen() {
        Window q1 = Window.quarter(2024, 1, ZoneOffset.UTC);
        Window q2 = Window.quarter(2024, 2, ZoneOffset.UTC);
        Instant q2Start = Instant.parse("2024-04-01T00:00:00Z");
        assertThat(q1.to()).isEqualTo(q2Start).isEqualTo(q2.from());

        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(Instant.parse("2024-12-31T00:00:00Z")),
                // In MQL the last hour of Q1, accepted at the first instant of Q2.
                journey("late").step("LeadQualified", q2Start.minus(Duration.ofHours(1)))
                        .step("LeadAccepted", q2Start),
                // Qualified at the first instant of Q2.
                journey("new").step("LeadQualified", q2Start).step("LeadAccepted", q2Start.plus(Duration.ofDays(1))));

        StageView mqlQ1 = byStage(StageMetrics.stages(snap, FlowQuery.in(q1))).get("mql");
        StageView mqlQ2 = byStage(StageMetrics.stages(snap, FlowQuery.in(q2))).get("mql");
        // Q1: "late" arrived and is still there as Q1 closes; "new" is not Q1's.
        assertThat(List.of(mqlQ1.arrivals(), mqlQ1.departures(), mqlQ1.wipAtStart(), mqlQ1.wipAtEnd()))
                .containsExactly(1L, 0L, 0L, 1L);
        assertThat(mqlQ1.totalDwellHours()).isCloseTo(1.0, within(EPS));
        // Q2 opens with "late" in MQL, which leaves at once; "new" arrives and leaves a day later.
        assertThat(List.of(mqlQ2.arrivals(), mqlQ2.departures(), mqlQ2.wipAtStart(), mqlQ2.wipAtEnd()))
                .containsExactly(1L, 2L, 1L, 0L);
        assertThat(mqlQ2.wipAtStart()).isEqualTo(mqlQ1.wipAtEnd());
        assertThat(mqlQ2.totalDwellHours()).isCloseTo(24.0, within(EPS));
        // Departures 1h and 24h.
        assertThat(mqlQ2.dwellMeanHours()).isCloseTo(12.5, within(EPS));
    }

    @Test
    void quarterInAZone_startsAtLocalMidnight() {
        Window q2 = Window.quarter(2024, 2, ZoneId.of("Europe/Berlin"));
        // 1 April 00:00 CEST (UTC+2), 1 July 00:00 CEST.
        assertThat(q2.from()).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
        assertThat(q2.to()).isEqualTo(Instant.parse("2024-06-30T22:00:00Z"));
        assertThat(Window.quarter(2024, 1, ZoneId.of("Europe/Berlin")).from())
                .isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    }

    @Test
    void groupBy_channel_rowsPerGroup_noneLast_inactiveGroupsLeftOut() {
        // In [10, 50): web = j1, j3, j5; email = j2; (none) = j4, which only enters at 50.
        List<StageView> rows = StageMetrics.stages(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.in(W10_50).withGroupBy(GroupBy.CHANNEL));
        assertThat(rows).extracting(StageView::group).containsSubsequence("email", "web").doesNotContain("(none)");
        assertThat(rows).hasSize(12);
        Map<String, StageView> web = byStage(rows.stream().filter(r -> r.group().equals("web")).toList());
        Map<String, StageView> email = byStage(rows.stream().filter(r -> r.group().equals("email")).toList());
        // mql, web: arrivals j3, j5; departures j1, j3; start j1; end j5. email: j2 arrives and stays.
        assertCounts(web.get("mql"), 2, 2, 2, 1, 1);
        assertCounts(email.get("mql"), 1, 1, 0, 0, 1);
        // Rank within the group: web mql = j1 10 + j3 5 + j5 40 = 55h, sal = 30h, lead = 10h.
        assertThat(web.get("mql").totalDwellHours()).isCloseTo(55.0, within(EPS));
        assertThat(web.get("mql").totalDwellShare()).isCloseTo(55.0 / 95, within(EPS));
        assertThat(web.get("mql").bottleneckRank()).isEqualTo(1);
        assertThat(email.get("mql").totalDwellShare()).isCloseTo(35.0 / 38, within(EPS));

        // All time, j4 has activity and shows up as (none), after the named groups.
        List<StageView> allTime = StageMetrics.stages(Scenarios.fiveJourneys(Cut.asOf(h(100))),
                FlowQuery.all().withGroupBy(GroupBy.CHANNEL));
        assertThat(allTime.stream().map(StageView::group).distinct()).containsExactly("email", "web", "(none)");
    }

    @Test
    void filters_restrictTheJourneys_noneSelectsMissing() {
        FlowSnapshot snap = Scenarios.fiveJourneys(Cut.asOf(h(100)));

        StageView webMql = byStage(StageMetrics.stages(snap,
                FlowQuery.all().withFilter(new JourneyFilter("web", null, null)))).get("mql");
        assertThat(webMql.entered()).isEqualTo(3);
        assertThat(webMql.group()).isNull();

        StageView noChannel = byStage(StageMetrics.stages(snap,
                FlowQuery.all().withFilter(new JourneyFilter("(none)", null, null)))).get("mql");
        assertThat(noChannel.entered()).isEqualTo(1);

        StageView nobody = byStage(StageMetrics.stages(snap,
                FlowQuery.all().withFilter(new JourneyFilter("web", "s1", null)))).get("mql");
        assertThat(nobody.entered()).isZero();
    }

    @Test
    void groupBy_anyAttribute_placesEachJourneyByItsLatestValue() {
        // a: product changes from Basic to Pro before the cut; b: Basic; c: no product at all.
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("a").step("LeadCaptured", h(0), "product", "Basic").step("LeadQualified", h(2), "product",
                                                                                 "Pro"),
                journey("b").step("LeadCaptured", h(1), "product", "Basic"),
                journey("c").step("LeadCaptured", h(1)));

        List<StageView> rows = StageMetrics.stages(snap, FlowQuery.all().withGroupBy(GroupBy.by("product")));
        Map<String, StageView> lead = rows.stream().filter(r -> r.stageId().equals("lead"))
                .collect(Collectors.toMap(StageView::group, Function.identity()));
        assertThat(rows.stream().map(StageView::group).distinct()).containsExactly("Basic", "Pro", "(none)");
        assertThat(lead.get("Pro").departures()).isEqualTo(1);
        assertThat(lead.get("Basic").wipAtEnd()).isEqualTo(1);
        assertThat(lead.get("(none)").wipAtEnd()).isEqualTo(1);

        // Filtered on product, the same journeys; a filter on two attributes keeps their intersection.
        StageView pro = byStage(StageMetrics.stages(snap, FlowQuery.all().withFilter(
                JourneyFilter.NONE.and(Dimension.of("product"), "Pro")))).get("lead");
        assertThat(pro.entered()).isEqualTo(1);
        StageView none = byStage(StageMetrics.stages(snap, FlowQuery.all().withFilter(
                JourneyFilter.NONE.and(Dimension.of("product"), "Pro").and(Dimension.OWNER, "ann")))).get("lead");
        assertThat(none.entered()).isZero();
    }

    @Test
    void groupBy_owner_usesTheLatestOwner_includingHandoffs() {
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("a").step("LeadCaptured", h(0), "owner", "mia")
                        .step("LeadHandedOff", h(3), "to", "sam").step("LeadAccepted", h(4)),
                journey("b").step("LeadCaptured", h(0), "owner", "mia"));

        List<StageView> rows = StageMetrics.stages(snap, FlowQuery.all().withGroupBy(GroupBy.OWNER));
        Map<String, StageView> lead = rows.stream().filter(r -> r.stageId().equals("lead"))
                .collect(Collectors.toMap(StageView::group, Function.identity()));
        assertThat(lead.get("sam").departures()).isEqualTo(1);
        assertThat(lead.get("mia").wipAtEnd()).isEqualTo(1);
    }

    @Test
    void repeatedVisits_countOneJourneyOnceInEntered_butEveryArrival() {
        FlowSnapshot snap = snapshot(FUNNEL, Cut.asOf(h(100)),
                journey("loop").step("LeadQualified", h(0)).step("LeadAccepted", h(5))
                        .step("LeadQualified", h(10)).step("LeadAccepted", h(20)));

        StageView mql = byStage(StageMetrics.stages(snap, FlowQuery.all())).get("mql");
        assertThat(mql.entered()).isEqualTo(1);
        assertThat(mql.arrivals()).isEqualTo(2);
        assertThat(mql.departures()).isEqualTo(2);
        // Dwells 5h and 10h.
        assertThat(mql.totalDwellHours()).isCloseTo(15.0, within(EPS));
        assertThat(mql.dwellMedianHours()).isCloseTo(7.5, within(EPS));
    }

    private static Map<String, StageView> byStage(List<StageView> rows) {
        return rows.stream().collect(Collectors.toMap(StageView::stageId, Function.identity()));
    }

    private static void assertCounts(StageView v, long entered, long arrivals, long departures, long wipAtStart,
                                     long wipAtEnd) {
        assertThat(List.of(v.entered(), v.arrivals(), v.departures(), v.wipAtStart(), v.wipAtEnd()))
                .as("%s entered, arrivals, departures, wipAtStart, wipAtEnd", v.stageId())
                .containsExactly(entered, arrivals, departures, wipAtStart, wipAtEnd);
    }

    private static void assertDwell(StageView v, double mean, double median, double p90) {
        assertThat(v.dwellMeanHours()).isCloseTo(mean, within(EPS));
        assertThat(v.dwellMedianHours()).isCloseTo(median, within(EPS));
        assertThat(v.dwellP90Hours()).isCloseTo(p90, within(EPS));
    }
}

package io.revchain.analytics;

import static io.revchain.analytics.WorkCalendarTest.EMEA;
import static io.revchain.analytics.WorkCalendarTest.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Stage and transition figures in working hours (the EMEA calendar of {@link WorkCalendarTest}: Berlin, Monday to
 * Friday, 09:00-12:30 and 13:30-17:30, 25 and 26 December 2025 off) next to the same figures in calendar time,
 * every value computed by hand below.
 * <pre>
 * j1: captured Fri 7 Mar 16:00, qualified Mon 10 Mar 10:00, accepted Mon 10 Mar 15:00, won Tue 11 Mar 10:00
 *     lead 66 h calendar = 2.5 h working (Fri 16:00-17:30, Mon 09:00-10:00)
 *     mql  5 h calendar  = 4 h working (10:00-12:30, 13:30-15:00)
 *     sal  19 h calendar = 3.5 h working (Mon 15:00-17:30, Tue 09:00-10:00)
 * j2: captured Wed 24 Dec 15:00, qualified Mon 29 Dec 11:00, still in mql at the window's end (1 Jan 2026 00:00Z)
 *     lead 116 h calendar = 4.5 h working (Wed 15:00-17:30; 25 and 26 Dec are holidays; Mon 09:00-11:00)
 *     mql  age 62 h calendar = 20.5 h working (Mon 11:00-17:30 5.5 h, Tue 7.5 h, Wed 7.5 h; 1 Jan 00:00-01:00 off)
 * SLAs: lead 24 h, mql 8 h, sal 4 h.
 * </pre>
 */
class WorkingHoursMetricsTest {

    private static final FlowMap MAP = new FlowMap("emea", 1, List.of(
            new FlowStage("lead", "Lead", "MARKETING", Set.of("LeadCaptured"), Duration.ofHours(24), false),
            new FlowStage("mql", "MQL", "MARKETING", Set.of("LeadQualified"), Duration.ofHours(8), false),
            new FlowStage("sal", "SAL", "SALES", Set.of("LeadAccepted"), Duration.ofHours(4), false),
            new FlowStage("won", "Won", "SALES", Set.of("DealWon"), null, false)), List.of());
    private static final Window YEAR = new Window(Instant.parse("2025-03-01T00:00:00Z"),
                                                  Instant.parse("2026-01-01T00:00:00Z"));
    private static final Cut CUT = Cut.asOf(Instant.parse("2026-01-10T00:00:00Z"));

    private static FlowSnapshot snapshot() {
        return FlowSnapshot.fromFacts(MAP, List.of(
                journey("j1", "LeadCaptured", "2025-03-07T16:00", "LeadQualified", "2025-03-10T10:00",
                        "LeadAccepted", "2025-03-10T15:00", "DealWon", "2025-03-11T10:00"),
                journey("j2", "LeadCaptured", "2025-12-24T15:00", "LeadQualified", "2025-12-29T11:00")), CUT);
    }

    @Test
    void stageFigures_inWorkingHours() {
        Map<String, StageView> s = byStage(StageMetrics.stages(snapshot(), new FlowQuery(YEAR, null, null, EMEA)));
        // lead: departures 2.5 h and 4.5 h: mean 3.5, median 3.5, p90 2.5 + 0.9 x 2 = 4.3; neither over 24 h.
        assertThat(s.get("lead")).extracting(StageView::dwellMeanHours, StageView::dwellMedianHours,
                                             StageView::dwellP90Hours, StageView::slaBreaches,
                                             StageView::totalDwellHours)
                                 .containsExactly(3.5, 3.5, 4.3, 0L, 7.0);
        // mql: j1 left after 4 h; j2 is still there at the end, 20.5 working hours old: over the 8 h SLA.
        assertThat(s.get("mql")).extracting(StageView::dwellMedianHours, StageView::slaBreaches,
                                            StageView::totalDwellHours, StageView::wipAtEnd)
                                .containsExactly(4.0, 1L, 24.5, 1L);
        // sal: 3.5 h, within its 4 h SLA.
        assertThat(s.get("sal")).extracting(StageView::dwellMedianHours, StageView::slaBreaches,
                                            StageView::totalDwellHours)
                                .containsExactly(3.5, 0L, 3.5);
        // Shares of 7 + 24.5 + 3.5 = 35 h; mql is the bottleneck.
        assertThat(s.values()).extracting(StageView::stageId, StageView::totalDwellShare, StageView::bottleneckRank)
                              .containsExactlyInAnyOrder(tuple("lead", 0.2, 2), tuple("mql", 0.7, 1),
                                                         tuple("sal", 0.1, 3), tuple("won", 0.0, 4));
    }

    @Test
    void theSameStages_inCalendarTime_breachTheirSlas() {
        Map<String, StageView> s = byStage(StageMetrics.stages(snapshot(), FlowQuery.in(YEAR)));
        // lead 66 h and 116 h, both over 24 h; sal 19 h over 4 h; mql as in working hours (62 h old at the end).
        assertThat(s.get("lead")).extracting(StageView::dwellMeanHours, StageView::slaBreaches)
                                 .containsExactly(91.0, 2L);
        assertThat(s.get("mql")).extracting(StageView::dwellMedianHours, StageView::slaBreaches)
                                .containsExactly(5.0, 1L);
        assertThat(s.get("sal")).extracting(StageView::dwellMedianHours, StageView::slaBreaches)
                                .containsExactly(19.0, 1L);
        // Counts do not depend on how time is measured.
        Map<String, StageView> working = byStage(StageMetrics.stages(snapshot(), FlowQuery.in(YEAR)
                                                                                     .withCalendar(EMEA)));
        for (String stage : s.keySet()) {
            assertThat(working.get(stage)).extracting(StageView::entered, StageView::arrivals,
                                                      StageView::departures, StageView::wipAtStart,
                                                      StageView::wipAtEnd)
                    .containsExactly(s.get(stage).entered(), s.get(stage).arrivals(), s.get(stage).departures(),
                                     s.get(stage).wipAtStart(), s.get(stage).wipAtEnd());
        }
    }

    @Test
    void transitions_inWorkingHours() {
        List<TransitionView> working = TransitionMetrics.transitions(snapshot(), FlowQuery.in(YEAR)
                                                                                         .withCalendar(EMEA));
        assertThat(working).extracting(TransitionView::fromStage, TransitionView::toStage, TransitionView::count,
                                       TransitionView::meanHours, TransitionView::medianHours,
                                       TransitionView::p90Hours)
                           .containsExactly(tuple("lead", "mql", 2L, 3.5, 3.5, 4.3),
                                            tuple("mql", "sal", 1L, 4.0, 4.0, 4.0),
                                            tuple("sal", "won", 1L, 3.5, 3.5, 3.5));
        List<TransitionView> calendar = TransitionMetrics.transitions(snapshot(), FlowQuery.in(YEAR));
        assertThat(calendar).extracting(TransitionView::meanHours).containsExactly(91.0, 5.0, 19.0);
    }

    @Test
    void frames_countTheSameUnderAnyCalendar() {
        FlowQuery query = FlowQuery.in(YEAR);
        Duration week = Duration.ofDays(7);
        assertThat(FlowFrames.frames(snapshot(), query.withCalendar(EMEA), week))
                .isEqualTo(FlowFrames.frames(snapshot(), query, week));
    }

    /** Steps as type, Berlin local time pairs. */
    private static JourneyFacts journey(String id, String... typeAndTime) {
        List<StepFact> steps = new java.util.ArrayList<>();
        for (int i = 0; i < typeAndTime.length; i += 2) {
            Instant at = local(typeAndTime[i + 1]);
            steps.add(new StepFact(id + "-" + i, typeAndTime[i], at, at, i, Map.of()));
        }
        return new JourneyFacts(id, steps);
    }

    private static Map<String, StageView> byStage(List<StageView> rows) {
        return rows.stream().collect(Collectors.toMap(StageView::stageId, Function.identity()));
    }
}

package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.revchain.analytics.StageVisit.State;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JourneyTimelineTest {

    private static final Cut LATEST = Cut.asOf(h(1000));

    @Test
    void entries_followBusinessTime_notArrivalOrder() {
        JourneyFlow flow = journey("j")
                .step("OpportunityOpened", h(30))
                .step("LeadCaptured", h(0))
                .step("LeadQualified", h(10))
                .under(FUNNEL, LATEST);

        // SAL skipped (imported milestones): lead 0 -> mql 10 -> sql 30, sql still open.
        assertThat(flow.entries()).extracting(StageEntry::stageId, StageEntry::at)
                .containsExactly(tuple("lead", h(0)), tuple("mql", h(10)), tuple("sql", h(30)));
        assertThat(flow.visits()).extracting(StageVisit::index, StageVisit::stageId, StageVisit::exited,
                        StageVisit::nextStage, StageVisit::state)
                .containsExactly(
                        tuple(0, "lead", h(10), "mql", State.CLOSED),
                        tuple(1, "mql", h(30), "sql", State.CLOSED),
                        tuple(2, "sql", null, null, State.OPEN));
        assertThat(flow.visits().get(1).duration()).isEqualTo(Duration.ofHours(20));
        assertThat(flow.visits().get(2).duration()).isNull();
        assertThat(flow.visits().get(2).ageAt(h(50))).isEqualTo(Duration.ofHours(20));
        assertThat(flow.transitions()).extracting(StageTransition::fromStage, StageTransition::toStage,
                        StageTransition::duration)
                .containsExactly(tuple("lead", "mql", Duration.ofHours(10)),
                        tuple("mql", "sql", Duration.ofHours(20)));
    }

    @Test
    void repeatedEntryIntoCurrentStage_isNotANewEntry() {
        JourneyFlow flow = journey("j")
                .step("LeadCaptured", h(0))
                .step("LeadQualified", h(5))
                .step("LeadQualified", h(8))
                .step("LeadAccepted", h(20))
                .under(FUNNEL, LATEST);

        // The re-qualification at 8 keeps the MQL visit that began at 5: dwell 15h, not 12h.
        assertThat(flow.entries()).extracting(StageEntry::stageId).containsExactly("lead", "mql", "sal");
        assertThat(flow.visits().get(1).duration()).isEqualTo(Duration.ofHours(15));
    }

    @Test
    void returnToEarlierStage_isANewVisit() {
        JourneyFlow flow = journey("j")
                .step("LeadCaptured", h(0))
                .step("LeadQualified", h(5))
                .step("LeadAccepted", h(10))
                .step("LeadQualified", h(12))
                .step("LeadAccepted", h(20))
                .under(FUNNEL, LATEST);

        assertThat(flow.visits()).extracting(StageVisit::stageId)
                .containsExactly("lead", "mql", "sal", "mql", "sal");
        assertThat(flow.transitions()).extracting(StageTransition::fromStage, StageTransition::toStage)
                .containsExactly(tuple("lead", "mql"), tuple("mql", "sal"), tuple("sal", "mql"),
                        tuple("mql", "sal"));
    }

    @Test
    void equalBusinessTimes_areOrderedByRecordSeq() {
        StepFact captured = new StepFact("s1", "LeadCaptured", h(0), h(0), 1, null);
        StepFact accepted = new StepFact("s2", "LeadAccepted", h(5), h(5), 2, null);
        StepFact qualified = new StepFact("s3", "LeadQualified", h(5), h(5), 3, null);
        JourneyFlow flow = JourneyTimeline.of(
                new JourneyFacts("j", List.of(qualified, accepted, captured)), FUNNEL).under(LATEST);

        assertThat(flow.entries()).extracting(StageEntry::stageId).containsExactly("lead", "sal", "mql");
        assertThat(flow.visits().get(1).duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void lastVisitInTerminalStage_endsTheJourney() {
        JourneyFlow flow = journey("j")
                .step("OpportunityOpened", h(0))
                .step("DealWon", h(10))
                .under(FUNNEL, LATEST);

        StageVisit won = flow.visits().get(1);
        assertThat(FUNNEL.stage("won").orElseThrow().terminal()).isTrue();
        assertThat(won.state()).isEqualTo(State.ENDED);
        assertThat(won.presentAt(h(20))).isFalse();
        assertThat(won.presentAt(null)).isFalse();
        assertThat(won.duration()).isNull();
        assertThat(won.timeInside(null, h(20))).isEqualTo(Duration.ZERO);
    }

    @Test
    void terminalStage_followedByLaterEntry_isAnOrdinaryVisit() {
        FlowMap map = new FlowMap("m", 1, List.of(
                new FlowStage("won", "Won", "sales", Set.of("DealWon"), null, false),
                new FlowStage("onboarding", "Onboarding", "service", Set.of("OnboardingStarted"), null, false),
                new FlowStage("live", "Live", "service", Set.of("CustomerLive"), null, true)), List.of());
        JourneyFlow flow = journey("j")
                .step("DealWon", h(0))
                .step("OnboardingStarted", h(24))
                .step("CustomerLive", h(30))
                .under(map, LATEST);

        assertThat(flow.visits()).extracting(StageVisit::stageId, StageVisit::state).containsExactly(
                tuple("won", State.CLOSED), tuple("onboarding", State.CLOSED), tuple("live", State.ENDED));
        assertThat(flow.visits().get(0).duration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void stageIsTerminal_whenFlaggedOrEnteredOnlyByClosingSteps() {
        assertThat(new FlowStage("a", "A", "o", Set.of("DealLost", "LeadDisqualified"), null, false).terminal())
                .isTrue();
        assertThat(new FlowStage("a", "A", "o", Set.of("DealLost", "DemoHeld"), null, false).terminal()).isFalse();
        assertThat(new FlowStage("a", "A", "o", Set.of(), null, false).terminal()).isFalse();
        assertThat(new FlowStage("a", "A", "o", Set.of("CustomerLive"), null, true).terminal()).isTrue();
    }

    @Test
    void stepTypeListedByTwoStages_entersTheFirstInMapOrder() {
        FlowMap map = new FlowMap("m", 1, List.of(
                new FlowStage("first", "First", "o", Set.of("LeadCaptured"), null, false),
                new FlowStage("second", "Second", "o", Set.of("LeadCaptured", "LeadQualified"), null, false)),
                List.of());
        JourneyFlow flow = journey("j").step("LeadCaptured", h(0)).step("LeadQualified", h(1)).under(map, LATEST);

        assertThat(flow.entries()).extracting(StageEntry::stageId).containsExactly("first", "second");
    }

    @Test
    void dimensions_originFromEarliestStep_ownerFromLatest() {
        JourneyFlow flow = journey("j")
                .step("LeadCaptured", h(0), "channel", "web", "campaignId", "c1", "owner", "alice")
                .step("LeadQualified", h(5), "channel", "email", "segmentId", "s1", "campaignId", "c2")
                .step("LeadHandedOff", h(6), "owner", "alice", "to", "bob")
                // Learned last, happened first: it is the earliest channel.
                .recorded("WebinarAttended", h(-1), h(50), "channel", "event")
                .under(FUNNEL, LATEST);

        assertThat(flow.dimensions()).isEqualTo(new JourneyDimensions("event", "s1", "c1", "bob"));
    }

    @Test
    void blankAttributes_countAsMissing() {
        JourneyFlow flow = journey("j")
                .step("LeadCaptured", h(0), "channel", " ", "segmentId", "")
                .step("LeadQualified", h(1), "segmentId", "s2")
                .under(FUNNEL, LATEST);

        assertThat(flow.dimensions()).isEqualTo(new JourneyDimensions(null, "s2", null, null));
    }

    @Test
    void knownAt_hidesStepsRecordedLater_andTheirDimensions() {
        Fixtures.Journey j = journey("j")
                .step("LeadCaptured", h(0))
                .recorded("LeadQualified", h(10), h(30), "segmentId", "s1");

        JourneyFlow before = j.under(FUNNEL, new Cut(h(100), h(20)));
        JourneyFlow after = j.under(FUNNEL, new Cut(h(100), h(30)));

        assertThat(before.visits()).extracting(StageVisit::stageId, StageVisit::state)
                .containsExactly(tuple("lead", State.OPEN));
        assertThat(before.dimensions().segment()).isNull();
        assertThat(after.visits()).extracting(StageVisit::stageId, StageVisit::state)
                .containsExactly(tuple("lead", State.CLOSED), tuple("mql", State.OPEN));
        assertThat(after.dimensions().segment()).isEqualTo("s1");
    }

    @Test
    void lateStepBetweenRepeats_splitsTheVisitOnlyOnceKnown() {
        // mql 0, (sal 5 recorded at 50), mql 10: before 50 the two qualifications are one visit.
        Fixtures.Journey j = journey("j")
                .step("LeadQualified", h(0))
                .recorded("LeadAccepted", h(5), h(50))
                .step("LeadQualified", h(10));

        assertThat(j.under(FUNNEL, new Cut(h(100), h(40))).visits()).extracting(StageVisit::stageId)
                .containsExactly("mql");
        assertThat(j.under(FUNNEL, new Cut(h(100), h(50))).visits()).extracting(StageVisit::stageId)
                .containsExactly("mql", "sal", "mql");
    }

    @Test
    void asOf_hidesLaterSteps_soTheVisitIsOpenAtAsOf() {
        Fixtures.Journey j = journey("j").step("OpportunityOpened", h(0)).step("DealWon", h(100));

        JourneyFlow at50 = j.under(FUNNEL, Cut.asOf(h(50)));

        assertThat(at50.visits()).extracting(StageVisit::stageId, StageVisit::state)
                .containsExactly(tuple("sql", State.OPEN));
        assertThat(at50.visits().get(0).ageAt(h(50))).isEqualTo(Duration.ofHours(50));
    }

    @Test
    void cutSeeingEveryStep_reusesTheComputedFlow() {
        JourneyTimeline timeline = JourneyTimeline.of(journey("j").step("LeadCaptured", h(0)).facts(), FUNNEL);

        assertThat(timeline.under(Cut.asOf(h(10)))).isSameAs(timeline.under(new Cut(h(20), h(5))));
        assertThat(timeline.under(Cut.asOf(h(-1))).visits()).isEmpty();
    }

    @Test
    void stepAttributes_acceptImmutableMapsAndDropNullValues() {
        java.util.Map<String, String> withNull = new java.util.HashMap<>();
        withNull.put("channel", null);
        withNull.put("owner", "ann");

        assertThat(new StepFact("s", "LeadCaptured", h(0), h(0), 1, java.util.Map.of("channel", "web"))
                .attribute("channel")).isEqualTo("web");
        assertThat(new StepFact("s", "LeadCaptured", h(0), h(0), 1, withNull).attributes())
                .isEqualTo(java.util.Map.of("owner", "ann"));
    }

    @Test
    void aWindowSeesFromTheLastVisitEnteredBeforeIt_andEntriesAndTransitionsFromItsStart() {
        JourneyFlow flow = journey("j")
                .step("LeadCaptured", h(0))
                .step("LeadQualified", h(10))
                .step("LeadAccepted", h(20))
                .step("OpportunityOpened", h(30))
                .under(FUNNEL, LATEST);

        // The MQL visit left at 20: a window from 20 still sees it (present at its start), one from 21 does not.
        assertThat(flow.firstVisitSeenFrom(null)).isZero();
        assertThat(flow.firstVisitSeenFrom(h(0))).isZero();
        assertThat(flow.firstVisitSeenFrom(h(20))).isEqualTo(1);
        assertThat(flow.visits().get(1).presentAt(h(20))).isTrue();
        assertThat(flow.firstVisitSeenFrom(h(21))).isEqualTo(2);
        assertThat(flow.firstVisitSeenFrom(h(500))).isEqualTo(3);
        assertThat(flow.firstEntryFrom(h(20))).isEqualTo(2);
        assertThat(flow.firstEntryFrom(h(31))).isEqualTo(4);
        assertThat(flow.firstTransitionFrom(h(10))).isZero();
        assertThat(flow.firstTransitionFrom(h(11))).isEqualTo(1);
        assertThat(flow.firstTransitionFrom(null)).isZero();
        JourneyFlow none = journey("n").step("Unmapped", h(0)).under(FUNNEL, LATEST);
        assertThat(none.firstVisitSeenFrom(h(5))).isZero();
        assertThat(none.firstEntryFrom(h(5))).isZero();
    }
}

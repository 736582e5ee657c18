package io.revchain.journey;

import static io.revchain.chain.StepOutcome.DUPLICATE;
import static io.revchain.chain.StepOutcome.RECORDED;
import static io.revchain.chain.Violations.violation;

import io.revchain.map.DeclaredStepTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JourneyTest {

    private static final String J = "lead-42";
    private static final Instant DAY0 = Instant.parse("2024-04-01T09:00:00Z");
    private static final Map<String, String> NONE = Map.of();

    private AggregateTestFixture<Journey> fixture;

    @BeforeEach
    void setUp() {
        DeclaredStepTypes declared = "DemoHeld"::equals;
        fixture = new AggregateTestFixture<>(Journey.class);
        fixture.registerInjectableResource(declared);
    }

    private static Instant day(int n) {
        return DAY0.plus(n, ChronoUnit.DAYS);
    }

    private static RecordJourneySteps steps(JourneyStep... steps) {
        return new RecordJourneySteps(J, List.of(steps));
    }

    private static LeadQualified qualified(String stepId, int day) {
        return new LeadQualified(J, 72.5, NONE, day(day), stepId);
    }

    private static LeadHandedOff handedOff(String stepId, int day) {
        return new LeadHandedOff(J, "sales-emea", NONE, day(day), stepId);
    }

    private static DealWon won(String stepId, int day) {
        return new DealWon(J, new BigDecimal("48000"), NONE, day(day), stepId);
    }

    private static DealLost lost(String stepId, int day) {
        return new DealLost(J, "price", "Acme", NONE, day(day), stepId);
    }

    @Test
    void capturesLeadIntoNewJourney() {
        fixture.givenNoPriorActivity()
               .when(steps(new CaptureLead("s1", day(0), "smb-eu", "spring-webinar", "webinar", "linkedin",
                                           Map.of("owner", "ann"))))
               .expectEvents(new LeadCaptured(J, "smb-eu", "spring-webinar", "webinar", "linkedin",
                                              Map.of("owner", "ann"), day(0), "s1"))
               .expectResultMessagePayload(List.of(RECORDED));
    }

    @Test
    void importedHistoryMayStartAtAnyStepAndSkipStages() {
        fixture.givenNoPriorActivity()
               .when(steps(new OpenOpportunity("s5", day(3), new BigDecimal("50000"), Map.of("segment", "smb-eu")),
                           new WinDeal("s9", day(20), new BigDecimal("48000"), NONE)))
               .expectEvents(new OpportunityOpened(J, new BigDecimal("50000"), Map.of("segment", "smb-eu"), day(3),
                                                   "s5"),
                             won("s9", 20))
               .expectResultMessagePayload(List.of(RECORDED, RECORDED));
    }

    @Test
    void knownStepIdIsSkippedAsDuplicate() {
        fixture.given(qualified("s2", 1))
               .when(steps(new QualifyLead("s2", day(1), 72.5, NONE),
                           new HandOffLead("s3", day(2), "sales-emea", NONE)))
               .expectEvents(handedOff("s3", 2))
               .expectResultMessagePayload(List.of(DUPLICATE, RECORDED));
    }

    @Test
    void repeatedStepIdWithinOneCommandIsRecordedOnce() {
        fixture.givenNoPriorActivity()
               .when(steps(new QualifyLead("s2", day(1), 72.5, NONE), new QualifyLead("s2", day(1), 72.5, NONE)))
               .expectEvents(qualified("s2", 1))
               .expectResultMessagePayload(List.of(RECORDED, DUPLICATE));
    }

    @Test
    void cannotHandOffUnqualifiedLead() {
        fixture.givenNoPriorActivity()
               .when(steps(new CaptureLead("s1", day(0), null, null, null, null, NONE),
                           new HandOffLead("s3", day(2), "sales-emea", NONE)))
               .expectException(violation(1, "handoff-requires-qualification"))
               .expectNoEvents();
    }

    @Test
    void cannotHandOffBeforeTheQualificationDate() {
        fixture.given(qualified("s2", 5))
               .when(steps(new HandOffLead("s3", day(2), "sales-emea", NONE)))
               .expectException(violation(0, "handoff-requires-qualification"));
    }

    @Test
    void handOffAtTheQualificationInstantIsAccepted() {
        fixture.given(qualified("s2", 2))
               .when(steps(new HandOffLead("s3", day(2), "sales-emea", NONE)))
               .expectEvents(handedOff("s3", 2));
    }

    @Test
    void cannotAcceptLeadThatWasNotHandedOff() {
        fixture.given(qualified("s2", 1))
               .when(steps(new AcceptLead("s4", day(3), NONE)))
               .expectException(violation(0, "response-requires-handoff"));
    }

    @Test
    void cannotRejectLeadBeforeItWasHandedOff() {
        fixture.given(qualified("s2", 1), handedOff("s3", 5))
               .when(steps(new RejectLead("s4", day(3), "no budget", NONE)))
               .expectException(violation(0, "response-requires-handoff"));
    }

    @Test
    void rejectedLeadReturnsToMarketingAndCanBeHandedOffAgain() {
        fixture.given(qualified("s2", 1), handedOff("s3", 2))
               .when(steps(new RejectLead("s4", day(3), "too small", NONE),
                           new QualifyLead("s5", day(10), 90.0, NONE),
                           new HandOffLead("s6", day(11), "sales-emea", NONE),
                           new AcceptLead("s7", day(12), NONE)))
               .expectEvents(new LeadRejected(J, "too small", NONE, day(3), "s4"),
                             new LeadQualified(J, 90.0, NONE, day(10), "s5"),
                             handedOff("s6", 11),
                             new LeadAccepted(J, NONE, day(12), "s7"));
    }

    @Test
    void cannotWinDealTwice() {
        fixture.given(won("s9", 20))
               .when(steps(new WinDeal("s10", day(20), null, NONE)))
               .expectException(violation(0, "deal-outcome-final"));
    }

    @Test
    void cannotLoseWonDeal() {
        fixture.given(won("s9", 20))
               .when(steps(new LoseDeal("s10", day(19), "price", null, NONE)))
               .expectException(violation(0, "deal-outcome-final"));
    }

    @Test
    void cannotWinLostDeal() {
        fixture.given(lost("s9", 20))
               .when(steps(new WinDeal("s10", day(25), null, NONE)))
               .expectException(violation(0, "deal-outcome-final"));
    }

    @Test
    void noStageEntryAfterWonDeal() {
        fixture.given(won("s9", 20))
               .when(steps(new AdvanceOpportunity("s8", day(21), "Negotiation", NONE)))
               .expectException(violation(0, "no-step-after-outcome"));
    }

    @Test
    void noRequalificationAfterDisqualification() {
        fixture.given(new LeadDisqualified(J, "student", NONE, day(2), "s2"))
               .when(steps(new QualifyLead("s3", day(3), 50.0, NONE)))
               .expectException(violation(0, "no-step-after-outcome"));
    }

    @Test
    void noCustomStageAfterLostDeal() {
        fixture.given(lost("s9", 20))
               .when(steps(new RecordCustomStep("s10", day(21), "DemoHeld", NONE)))
               .expectException(violation(0, "no-step-after-outcome"));
    }

    @Test
    void lateStepDatedBeforeTheOutcomeIsAccepted() {
        fixture.given(won("s9", 20))
               .when(steps(new AdvanceOpportunity("s8", day(15), "Proposal", NONE),
                           new QualifyLead("s2", day(1), null, NONE)))
               .expectEvents(new OpportunityAdvanced(J, "Proposal", NONE, day(15), "s8"),
                             new LeadQualified(J, null, NONE, day(1), "s2"));
    }

    @Test
    void stepOnTheOutcomeInstantIsAccepted() {
        fixture.given(won("s9", 20))
               .when(steps(new AdvanceOpportunity("s8", day(20), "Contract", NONE)))
               .expectEvents(new OpportunityAdvanced(J, "Contract", NONE, day(20), "s8"));
    }

    @Test
    void outcomeDatedBeforeARecordedStageEntryIsRejected() {
        fixture.given(new OpportunityAdvanced(J, "Proposal", NONE, day(15), "s8"))
               .when(steps(new DisqualifyLead("s2", day(4), "no budget", NONE)))
               .expectException(violation(0, "no-step-after-outcome"));
    }

    @Test
    void disqualificationAfterWonDealIsRejected() {
        fixture.given(won("s9", 20))
               .when(steps(new DisqualifyLead("s10", day(30), "churned", NONE)))
               .expectException(violation(0, "no-step-after-outcome"));
    }

    @Test
    void onboardingAssetUseAndFeedbackFollowWonDeal() {
        fixture.given(won("s9", 20))
               .when(steps(new OnboardCustomer("s10", day(25), NONE),
                           new UseAsset("s11", day(26), "onboarding-guide", Map.of("campaign", "spring-webinar")),
                           new RecordFeedback("s12", day(60), 4.0, "positive", "onboarding", "smooth", NONE),
                           new ActionFeedback("s13", day(70), "s12", "smb-eu", null, "add onboarding to profile",
                                              NONE)))
               .expectEvents(new CustomerOnboarded(J, NONE, day(25), "s10"),
                             new AssetUsed(J, "onboarding-guide", Map.of("campaign", "spring-webinar"), day(26), "s11"),
                             new FeedbackRecorded(J, 4.0, "positive", "onboarding", "smooth", NONE, day(60), "s12"),
                             new FeedbackActioned(J, "s12", "smb-eu", null, "add onboarding to profile", NONE,
                                                  day(70), "s13"));
    }

    @Test
    void cannotOnboardWithoutWonDeal() {
        fixture.given(new OpportunityOpened(J, null, NONE, day(3), "s5"))
               .when(steps(new OnboardCustomer("s10", day(25), NONE)))
               .expectException(violation(0, "onboarding-requires-won-deal"));
    }

    @Test
    void cannotOnboardAfterLostDeal() {
        fixture.given(lost("s9", 20))
               .when(steps(new OnboardCustomer("s10", day(25), NONE)))
               .expectException(violation(0, "onboarding-requires-won-deal"));
    }

    @Test
    void cannotActionFeedbackNotRecordedOnTheJourney() {
        fixture.given(won("s9", 20), new FeedbackRecorded(J, 2.0, "negative", "pricing", null, NONE, day(40), "s12"))
               .when(steps(new ActionFeedback("s13", day(50), "other-feedback", null, "spring-webinar", "reprice",
                                              NONE)))
               .expectException(violation(0, "feedback-action-requires-feedback"));
    }

    @Test
    void feedbackAndItsActionMayArriveTogether() {
        fixture.givenNoPriorActivity()
               .when(steps(new RecordFeedback("f1", day(40), null, "negative", "pricing", null, NONE),
                           new ActionFeedback("f2", day(41), "f1", null, "spring-webinar", "reprice", NONE)))
               .expectEvents(new FeedbackRecorded(J, null, "negative", "pricing", null, NONE, day(40), "f1"),
                             new FeedbackActioned(J, "f1", null, "spring-webinar", "reprice", NONE, day(41), "f2"));
    }

    @Test
    void recordsStepOfDeclaredCustomType() {
        fixture.given(qualified("s2", 1))
               .when(steps(new RecordCustomStep("s3", day(4), "DemoHeld", Map.of("owner", "bob"))))
               .expectEvents(new CustomStepRecorded(J, "DemoHeld", Map.of("owner", "bob"), day(4), "s3"));
    }

    @Test
    void cannotRecordStepOfUndeclaredCustomType() {
        fixture.givenNoPriorActivity()
               .when(steps(new RecordCustomStep("s3", day(4), "PigeonSent", NONE)))
               .expectException(violation(0, "custom-step-declared"));
    }

    @Test
    void violationNamesTheOffendingStepOfTheCommand() {
        fixture.givenNoPriorActivity()
               .when(steps(new CaptureLead("s1", day(0), null, null, null, null, NONE),
                           new QualifyLead("s2", day(1), null, NONE),
                           new AcceptLead("s4", day(3), NONE)))
               .expectException(violation(2, "response-requires-handoff"))
               .expectNoEvents();
    }
}

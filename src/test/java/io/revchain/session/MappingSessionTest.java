package io.revchain.session;

import io.revchain.chain.BusinessFunction;
import static io.revchain.chain.BusinessFunction.MARKETING;
import static io.revchain.chain.BusinessFunction.SALES;
import static io.revchain.chain.BusinessFunction.SERVICE;
import static io.revchain.map.RuleMatchers.satisfies;
import static io.revchain.map.RuleMatchers.violates;
import static io.revchain.map.RuleMatchers.violatesOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.system.web.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MappingSessionTest {

    private static final LocalDate DUE = LocalDate.of(2025, 7, 31);

    private AggregateTestFixture<MappingSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MappingSession.class);
        // Map m1 exists with versions 1 to 3.
        fixture.registerInjectableResource((KnownMaps) mapId -> "m1".equals(mapId)
                ? OptionalLong.of(3) : OptionalLong.empty());
    }

    static List<ParticipantRequest> joint() {
        return List.of(new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Bo", "sales"),
                       new ParticipantRequest("Cy", "SERVICE"));
    }

    static OpenMappingSession open(List<ParticipantRequest> participants) {
        return new OpenMappingSession("s1", "m1", "Q3 handoff review", "Fay", participants);
    }

    static MappingSessionOpened opened() {
        return new MappingSessionOpened("s1", "m1", "Q3 handoff review", "Fay", List.of(
                new Participant("Ana", MARKETING), new Participant("Bo", SALES), new Participant("Cy", SERVICE)));
    }

    static ActionItemAssigned assigned() {
        return new ActionItemAssigned("s1", "a1", "rewrite MQL criteria", "Ana", MARKETING, DUE);
    }

    // ---- opening ----------------------------------------------------------------------------------------------

    @Test
    void jointSessionOpens() {
        fixture.givenNoPriorActivity()
               .when(open(joint()))
               .expectEvents(opened());
    }

    @Test
    void openingAgainWithTheSameDetails_changesNothing() {
        fixture.given(opened())
               .when(open(joint()))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void openingAnExistingSessionWithOtherDetails_isRefused() {
        fixture.given(opened())
               .when(new OpenMappingSession("s1", "m1", "another", "Fay", joint()))
               .expectException(violatesOnly("sessionId", "session-already-opened"));
    }

    @Test
    void sessionNeedsAFacilitator() {
        fixture.givenNoPriorActivity()
               .when(new OpenMappingSession("s1", "m1", null, " ", joint()))
               .expectException(violatesOnly("facilitator", "session-facilitator-required"));
    }

    @Test
    void sessionNeedsParticipantsFromMarketingAndSales() {
        fixture.givenNoPriorActivity()
               .when(open(List.of(new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Cy", "SERVICE"))))
               .expectException(violatesOnly("participants", "session-joint"));
        fixture.givenNoPriorActivity()
               .when(open(null))
               .expectException(violatesOnly("participants", "session-joint"));
    }

    @Test
    void participantsNeedANameAndAFunction_andNamesAreUnique() {
        fixture.givenNoPriorActivity()
               .when(open(List.of(new ParticipantRequest("Ana", "MARKETING"), new ParticipantRequest("Bo", "SALES"),
                                  new ParticipantRequest("", "SALES"), new ParticipantRequest("Dee", "LEGAL"),
                                  new ParticipantRequest("ana", "SERVICE"))))
               .expectException(violates("participants[2].name", "participant-name-required"))
               .expectException(violates("participants[3].function", "participant-function-valid"))
               .expectException(violates("participants[4].name", "participant-name-unique"));
    }

    @Test
    void sessionWorksOnAnExistingMap() {
        fixture.givenNoPriorActivity()
               .when(new OpenMappingSession("s1", "m9", null, "Fay", joint()))
               .expectException(violatesOnly("mapId", "session-map-known"));
    }

    @Test
    void sessionIdMustBeAnIdentifier() {
        fixture.givenNoPriorActivity()
               .when(new OpenMappingSession("s 1", "m1", null, "Fay", joint()))
               .expectException(violatesOnly("sessionId", "session-id-format"));
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    @Test
    void decisionIsRecordedWithTheMapVersionsItCaused() {
        fixture.given(opened())
               .when(new RecordDecision("s1", null, "MQL SLA down to 48h", List.of(2L, 3L)))
               .expectEvents(new DecisionRecorded("s1", "D1", "MQL SLA down to 48h", "m1", List.of(2L, 3L)))
               .expectResultMessagePayloadMatching(satisfies("D1", (Decision d) -> d.decisionId().equals("D1")));
    }

    @Test
    void decisionRetriedWithItsId_changesNothing() {
        fixture.given(opened(), new DecisionRecorded("s1", "d-sla", "MQL SLA 48h", "m1", List.of()))
               .when(new RecordDecision("s1", "d-sla", "MQL SLA 48h", null))
               .expectNoEvents();
    }

    @Test
    void decisionIdCannotBeReusedForAnotherText() {
        fixture.given(opened(), new DecisionRecorded("s1", "d-sla", "MQL SLA 48h", "m1", List.of()))
               .when(new RecordDecision("s1", "d-sla", "MQL SLA 24h", null))
               .expectException(violatesOnly("decisionId", "decision-id-unique"));
    }

    @Test
    void decisionNeedsText_andCanOnlyLinkExistingMapVersions() {
        fixture.given(opened())
               .when(new RecordDecision("s1", null, " ", List.of(3L, 4L, 0L)))
               .expectException(violates("text", "decision-text-required"))
               .expectException(violates("mapVersions[1]", "decision-map-version-known"))
               .expectException(violates("mapVersions[2]", "decision-map-version-known"));
    }

    @Test
    void noDecisionsAfterClose() {
        fixture.given(opened(), new MappingSessionClosed("s1"))
               .when(new RecordDecision("s1", null, "too late", null))
               .expectNoEvents()
               .expectException(violatesOnly("sessionId", "session-closed"));
    }

    // ---- action items -------------------------------------------------------------------------------------------

    @Test
    void actionItemIsAssignedToAParticipant_withTheirFunctionByDefault() {
        fixture.given(opened())
               .when(new AssignActionItem("s1", "a1", "rewrite MQL criteria", "ana", null, "2025-07-31"))
               .expectEvents(assigned());
    }

    @Test
    void actionItemOwnerMustBeAParticipant() {
        fixture.given(opened())
               .when(new AssignActionItem("s1", "a1", "rewrite MQL criteria", "Fay", "MARKETING", "2025-07-31"))
               .expectException(violatesOnly("owner", "action-item-owner-participant"));
    }

    @Test
    void actionItemNeedsIdTextValidFunctionAndDueDate() {
        fixture.given(opened())
               .when(new AssignActionItem("s1", "a1", "", "Ana", "PRODUCT", "31.07.2025"))
               .expectException(violates("text", "action-item-text-required"))
               .expectException(violates("function", "action-item-function-valid"))
               .expectException(violates("due", "action-item-due-date"));
        fixture.given(opened())
               .when(new AssignActionItem("s1", null, "x", "Ana", null, "2025-07-31"))
               .expectException(violatesOnly("itemId", "action-item-id-format"));
    }

    @Test
    void noNewActionItemsAfterClose_butARetryOfAnEarlierOneIsFine() {
        fixture.given(opened(), new MappingSessionClosed("s1"))
               .when(new AssignActionItem("s1", "a2", "x", "Bo", null, "2025-07-31"))
               .expectException(violatesOnly("sessionId", "session-closed"));
        fixture.given(opened(), assigned(), new MappingSessionClosed("s1"))
               .when(new AssignActionItem("s1", "a1", "rewrite MQL criteria", "Ana", null, "2025-07-31"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void actionItemIdCannotBeReusedWithOtherDetails() {
        fixture.given(opened(), assigned())
               .when(new AssignActionItem("s1", "a1", "rewrite MQL criteria", "Bo", null, "2025-07-31"))
               .expectException(violatesOnly("itemId", "action-item-id-unique"));
    }

    @Test
    void actionItemIsCompletedEvenAfterTheSessionClosed() {
        fixture.given(opened(), assigned(), new MappingSessionClosed("s1"))
               .when(new CompleteActionItem("s1", "a1", null, "criteria in wiki", MARKETING))
               .expectEvents(new ActionItemCompleted("s1", "a1", "Ana", "criteria in wiki"))
               .expectResultMessagePayloadMatching(satisfies("done", (ActionItem i) -> i.done()));
    }

    @Test
    void completingTwice_recordsOnlyOnce() {
        fixture.given(opened(), assigned(), new ActionItemCompleted("s1", "a1", "Ana", null))
               .when(new CompleteActionItem("s1", "a1", "Bo", null, MARKETING))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(satisfies("completed by Ana",
                                                             (ActionItem i) -> "Ana".equals(i.completedBy())));
    }

    @Test
    void completingAnUnknownItem_isNotFound() {
        fixture.given(opened())
               .when(new CompleteActionItem("s1", "a9", null, null, MARKETING))
               .expectException(NotFoundException.class)
               .expectExceptionMessage(Matchers.startsWith("action-item-known:"));
    }

    // ---- closing -------------------------------------------------------------------------------------------------

    @Test
    void closingTwice_recordsOnlyOnce() {
        fixture.given(opened())
               .when(new CloseMappingSession("s1"))
               .expectEvents(new MappingSessionClosed("s1"));
        fixture.given(opened(), new MappingSessionClosed("s1"))
               .when(new CloseMappingSession("s1"))
               .expectNoEvents();
    }

    @Test
    void commandsForAnUnknownSession_failToLoadIt() {
        fixture.givenNoPriorActivity()
               .when(new CloseMappingSession("s1"))
               .expectException(AggregateNotFoundException.class);
    }

    // ---- read side ---------------------------------------------------------------------------------------------

    @Test
    void view_listsOpenAndOverdueItems_andLateCompletion() {
        Instant t = Instant.parse("2025-07-01T10:00:00Z");
        SessionState state = SessionState.apply(null, opened(), t, null)
                .apply(assigned(), t, null)
                .apply(new ActionItemAssigned("s1", "a2", "SAL SLA report", "Bo", SALES, DUE.plusDays(30)), t, null)
                .apply(new ActionItemAssigned("s1", "a3", "feedback loop", "Cy", SERVICE, DUE), t, null)
                .apply(new MappingSessionClosed("s1"), t, null)
                .apply(new ActionItemCompleted("s1", "a3", "Cy", null), Instant.parse("2025-08-02T09:00:00Z"), null);

        SessionView view = SessionView.of(state, DUE.plusDays(1));

        assertThat(view.status()).isEqualTo("CLOSED");
        assertThat(view.openActionItems()).containsExactly("a1", "a2");
        assertThat(view.overdueActionItems()).containsExactly("a1");
        assertThat(view.actionItems().get(2).completedLate()).isTrue();
        assertThat(SessionView.of(state, DUE).overdueActionItems()).isEmpty();
    }
}

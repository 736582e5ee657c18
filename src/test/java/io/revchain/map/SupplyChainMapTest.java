package io.revchain.map;

import io.revchain.chain.BusinessFunction;
import static io.revchain.chain.BusinessFunction.MARKETING;
import static io.revchain.chain.BusinessFunction.SALES;
import static io.revchain.chain.BusinessFunction.SERVICE;
import static io.revchain.map.MapDocuments.define;
import static io.revchain.map.MapDocuments.handoff;
import static io.revchain.map.MapDocuments.handoffs;
import static io.revchain.map.MapDocuments.stage;
import static io.revchain.map.MapDocuments.stages;
import static io.revchain.map.MapDocuments.stagesWith;
import static io.revchain.map.RuleMatchers.satisfies;
import static io.revchain.map.RuleMatchers.violates;
import static io.revchain.map.RuleMatchers.violatesOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.system.web.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupplyChainMapTest {

    private AggregateTestFixture<SupplyChainMap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupplyChainMap.class);
    }

    static MapDefinition fiveStages() {
        return new MapDefinition("EMEA mid-market", List.of(
                new Stage("lead", "LEAD", MARKETING, List.of("LeadCaptured"), null, false),
                new Stage("mql", "MQL", MARKETING, List.of("LeadQualified"), 72, false),
                new Stage("sal", "SAL", SALES, List.of("LeadAccepted"), 24, false),
                new Stage("sql", "SQL", SALES, List.of("OpportunityOpened", "DemoHeld"), null, false),
                new Stage("won", "WON", SALES, List.of("DealWon"), null, true)),
                List.of(new Handoff("mql", "sal", SALES, "score >= 60 and budget confirmed")));
    }

    static MapDefined defined(String mapId) {
        return MapDefined.of(mapId, fiveStages());
    }

    // ---- defining and revising --------------------------------------------------------------------------------

    @Test
    void firstDocument_definesVersion1_withStageEnteredOnlyByClosingStepsTerminal() {
        fixture.givenNoPriorActivity()
               .when(define("m1"))
               .expectEvents(defined("m1"))
               .expectResultMessagePayloadMatching(satisfies("version 1", (MapVersion v) -> v.version() == 1));
    }

    @Test
    void identicalDocument_isANoOpReturningTheCurrentVersion() {
        fixture.given(defined("m1"))
               .when(define("m1"))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(satisfies("version 1", (MapVersion v) -> v.version() == 1));
    }

    @Test
    void documentDifferingOnlyInWhitespaceAndDerivedTerminal_isANoOp() {
        List<StageRequest> stages = stagesWith(4, new StageRequest(" won ", "WON", "sales", List.of("DealWon"),
                                                                   null, true));
        fixture.given(defined("m1"))
               .when(define("m1", stages, handoffs()))
               .expectNoEvents();
    }

    @Test
    void changedSla_revisesWithFullDefinitionAndTheChangeInWords() {
        List<StageRequest> stages = stagesWith(1, stage("mql", "MARKETING", 48, "LeadQualified"));
        MapDefinition expected = new MapDefinition("EMEA mid-market", replaceStage(fiveStages().stages(), 1,
                new Stage("mql", "MQL", MARKETING, List.of("LeadQualified"), 48, false)), fiveStages().handoffs());
        fixture.given(defined("m1"))
               .when(define("m1", stages, handoffs()))
               .expectEvents(MapRevised.of("m1", expected, List.of(
                       new MapChange("stage:mql", "slaHours", "72", "48", "stage mql: SLA 72h → 48h"))))
               .expectResultMessagePayloadMatching(satisfies("version 2", (MapVersion v) -> v.version() == 2));
    }

    @Test
    void revisionAfterDefinitionEvents_countsEveryEventAsAVersion() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"))
               .when(define("m1", stagesWith(1, stage("mql", "MARKETING", 48, "LeadQualified")), handoffs()))
               .expectResultMessagePayloadMatching(satisfies("version 3", (MapVersion v) -> v.version() == 3));
    }

    @Test
    void explicitTerminalFalse_overridesTheDefault() {
        List<StageRequest> stages = stagesWith(4, new StageRequest("won", "WON", "SALES", List.of("DealWon"), null,
                                                                   false));
        fixture.givenNoPriorActivity()
               .when(define("m1", stages, handoffs()))
               .expectEventsMatching(satisfies("won not terminal", (List<EventMessage<?>> events) ->
                       !((MapDefined) events.get(0).getPayload()).stages().get(4).terminal()));
    }

    @Test
    void invalidRevision_leavesTheMapUnchanged() {
        fixture.given(defined("m1"))
               .when(define("m1", List.of(), handoffs()))
               .expectNoEvents()
               .expectException(MapRuleViolation.class);
    }

    // ---- stages discovered in an event log ---------------------------------------------------------------------

    @Test
    void discoveredStages_defineANewMapWithOneStagePerActivityInDiscoveredOrder() {
        AddDiscoveredStages command = new AddDiscoveredStages("tickets", "Support tickets", List.of(
                new DiscoveredStage("open-ticket", "Open ticket", "OpenTicket", SERVICE, false),
                new DiscoveredStage("triage", "Triage", "Triage", SERVICE, false),
                new DiscoveredStage("close", "Close", "Close", SERVICE, true)));
        fixture.givenNoPriorActivity()
               .when(command)
               .expectEvents(MapDefined.of("tickets", new MapDefinition("Support tickets", List.of(
                       new Stage("open-ticket", "Open ticket", SERVICE, List.of("OpenTicket"), null, false),
                       new Stage("triage", "Triage", SERVICE, List.of("Triage"), null, false),
                       new Stage("close", "Close", SERVICE, List.of("Close"), null, true)), List.of())))
               .expectResultMessagePayloadMatching(satisfies("version 1", (MapVersion v) -> v.version() == 1));
    }

    @Test
    void discoveredStages_onAnExistingMap_addOnlyNewStepTypes_afterTheStagesOfTheActivitiesBeforeThem() {
        // Discovered order: LeadCaptured (lead, kept), NurtureCall (new), LeadQualified (mql, kept),
        // ProposalSent (new, its id 'sql' taken), DealWon (won, kept). Name, SLAs and the handoff stay.
        AddDiscoveredStages command = new AddDiscoveredStages("m1", "ignored for an existing map", List.of(
                new DiscoveredStage("lead", "Lead captured", "LeadCaptured", SERVICE, false),
                new DiscoveredStage("nurture-call", "Nurture call", "NurtureCall", MARKETING, false),
                new DiscoveredStage("mql", "MQL", "LeadQualified", SERVICE, true),
                new DiscoveredStage("sql", "Proposal sent", "ProposalSent", BusinessFunction.JOINT, false),
                new DiscoveredStage("won", "Won", "DealWon", SALES, true)));
        List<Stage> five = fiveStages().stages();
        MapDefinition expected = new MapDefinition("EMEA mid-market", List.of(
                five.get(0),
                new Stage("nurture-call", "Nurture call", MARKETING, List.of("NurtureCall"), null, false),
                five.get(1),
                new Stage("sql-2", "Proposal sent", BusinessFunction.JOINT, List.of("ProposalSent"), null, false),
                five.get(2), five.get(3), five.get(4)), fiveStages().handoffs());
        fixture.given(defined("m1"))
               .when(command)
               .expectEvents(MapRevised.of("m1", expected, MapChanges.between(fiveStages(), expected)))
               .expectResultMessagePayloadMatching(satisfies("version 2", (MapVersion v) -> v.version() == 2));
    }

    @Test
    void discoveringTheSameActivitiesAgain_changesNothing() {
        fixture.given(defined("m1"))
               .when(new AddDiscoveredStages("m1", "EMEA", List.of(
                       new DiscoveredStage("x", "Won", "DealWon", SALES, true),
                       new DiscoveredStage("y", "Demo", "DemoHeld", SALES, false))))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(satisfies("version 1", (MapVersion v) -> v.version() == 1));
    }

    @Test
    void discoveringOnAMapWithACurrency_keepsItsCurrency() {
        MapDefinition inEuro = new MapDefinition(fiveStages().name(), fiveStages().stages(), fiveStages().handoffs(),
                                                 "EUR");
        fixture.given(defined("m1"))
               .andGiven(MapRevised.of("m1", inEuro, List.of()))
               .when(new AddDiscoveredStages("m1", "EMEA", List.of(
                       new DiscoveredStage("nurture-call", "Nurture call", "NurtureCall", MARKETING, false))))
               .expectResultMessagePayloadMatching(satisfies("a new version in the same currency",
                                                             (MapVersion v) -> v.version() == 3
                                                                     && "EUR".equals(v.view().currency())));
    }

    @Test
    void discoveredStages_obeyTheMapRules() {
        fixture.givenNoPriorActivity()
               .when(new AddDiscoveredStages("m1", "Log", List.of(
                       new DiscoveredStage("a", "A", "not an identifier", SALES, false))))
               .expectNoEvents()
               .expectException(violatesOnly("stages[0].enteredOn[0]", "step-type-identifier"));
    }

    // ---- one test per map rule --------------------------------------------------------------------------------

    @Test
    void currencyMustBeAnIso4217Code() {
        fixture.givenNoPriorActivity()
               .when(new DefineMap("m1", "EMEA mid-market", stages(), handoffs(), "EURO"))
               .expectException(violatesOnly("currency", "map-currency-iso-4217"));
    }

    @Test
    void declaredCurrency_isStoredUpperCase_andChangingItRevisesTheMapInWords() {
        MapDefinition inEuro = new MapDefinition(fiveStages().name(), fiveStages().stages(), fiveStages().handoffs(),
                                                 "EUR");
        fixture.given(defined("m1"))
               .when(new DefineMap("m1", "EMEA mid-market", stages(), handoffs(), " eur "))
               .expectEvents(MapRevised.of("m1", inEuro, List.of(
                       new MapChange("map", "currency", null, "EUR", "map currency: none → EUR"))));
    }

    @Test
    void eventRecordedBeforeCurrenciesExisted_readsAsAMapWithoutCurrency() {
        fixture.given(new MapDefined("m1", "EMEA mid-market", fiveStages().stages(), fiveStages().handoffs()))
               .when(define("m1"))
               .expectNoEvents()
               .expectResultMessagePayloadMatching(satisfies("no currency",
                                                             (MapVersion v) -> v.view().currency() == null));
    }

    @Test
    void mapIdMustBeAnIdentifier() {
        fixture.givenNoPriorActivity()
               .when(define("bad id!"))
               .expectException(violatesOnly("mapId", "map-id-format"));
    }

    @Test
    void mapNeedsAName() {
        fixture.givenNoPriorActivity()
               .when(new DefineMap("m1", " ", stages(), handoffs()))
               .expectException(violatesOnly("name", "map-name-required"));
    }

    @Test
    void mapNeedsAtLeastOneStage() {
        fixture.givenNoPriorActivity()
               .when(define("m1", List.of(), List.of()))
               .expectException(violatesOnly("stages", "stages-required"));
    }

    @Test
    void stageIdMustNotBeEmpty() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(0, stage(" ", "MARKETING", null, "LeadCaptured")), handoffs()))
               .expectException(violatesOnly("stages[0].stageId", "stage-id-required"));
    }

    @Test
    void stageIdsMustBeUnique() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(3, stage("sal", "SALES", null, "OpportunityOpened")), handoffs()))
               .expectException(violatesOnly("stages[3].stageId", "stage-id-unique"));
    }

    @Test
    void stageOwnerMustBeAFunction() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(2, stage("sal", "SERVISE", 24, "LeadAccepted")), List.of()))
               .expectException(violatesOnly("stages[2].owner", "stage-owner-valid"));
    }

    @Test
    void stageOwnerIsRequired() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(2, stage("sal", null, 24, "LeadAccepted")), List.of()))
               .expectException(violatesOnly("stages[2].owner", "stage-owner-valid"));
    }

    @Test
    void stageNeedsEntrySteps() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(0, stage("lead", "MARKETING", null)), handoffs()))
               .expectException(violatesOnly("stages[0].enteredOn", "entered-on-required"));
    }

    @Test
    void customStepTypeMustBeAnUpperCamelCaseIdentifier() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(3, stage("sql", "SALES", null, "OpportunityOpened", "demo held")),
                            handoffs()))
               .expectException(violatesOnly("stages[3].enteredOn[1]", "step-type-identifier"));
    }

    @Test
    void stepTypeMarksEntryIntoAtMostOneStage() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(3, stage("sql", "SALES", null, "OpportunityOpened", "LeadQualified")),
                            handoffs()))
               .expectException(violatesOnly("stages[3].enteredOn[1]", "step-type-one-stage"));
    }

    @Test
    void slaMustBePositive() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stagesWith(1, stage("mql", "MARKETING", 0, "LeadQualified")), handoffs()))
               .expectException(violatesOnly("stages[1].slaHours", "sla-positive"));
    }

    @Test
    void handoffMustConnectExistingStages() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stages(), handoffs(handoff("mql", "sales-accepted", "SALES", "score >= 60"))))
               .expectException(violatesOnly("handoffs[0].toStage", "handoff-stage-exists"));
    }

    @Test
    void handoffMustConnectStagesOfDifferentOwners() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stages(), handoffs(handoff("lead", "mql", "MARKETING", "scored"))))
               .expectException(violatesOnly("handoffs[0].toStage", "handoff-distinct-owners"));
    }

    @Test
    void handoffOwnerMustBeAFunction() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stages(), handoffs(handoff("mql", "sal", "REVOPS", "score >= 60"))))
               .expectException(violatesOnly("handoffs[0].owner", "handoff-owner-valid"));
    }

    @Test
    void handoffNeedsWrittenCriteria() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stages(), handoffs(handoff("mql", "sal", "SALES", ""))))
               .expectException(violatesOnly("handoffs[0].criteria", "handoff-criteria-required"));
    }

    @Test
    void handoffBetweenTheSameStagesOnlyOnce() {
        fixture.givenNoPriorActivity()
               .when(define("m1", stages(), handoffs(handoff("mql", "sal", "SALES", "score >= 60"),
                                                     handoff("mql", "sal", "JOINT", "budget confirmed"))))
               .expectException(violatesOnly("handoffs[1]", "handoff-unique"));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        List<StageRequest> stages = stages();
        stages.set(1, stage("mql", "MARKETING", -1, "LeadQualified"));
        stages.set(2, stage("sal", "NOBODY", 24, "LeadAccepted"));
        fixture.givenNoPriorActivity()
               .when(new DefineMap("m1", null, stages, handoffs(handoff("mql", "nowhere", "SALES", "x"))))
               .expectException(violates("name", "map-name-required"))
               .expectException(violates("stages[1].slaHours", "sla-positive"))
               .expectException(violates("stages[2].owner", "stage-owner-valid"))
               .expectException(violates("handoffs[0].toStage", "handoff-stage-exists"));
    }

    // ---- definitions -------------------------------------------------------------------------------------------

    @Test
    void proposingADefinition_recordsItAsProposed() {
        fixture.given(defined("m1"))
               .when(new ProposeDefinition("m1", "MQL", " lead with score >= 60 ", "marketing", "Ana"))
               .expectEvents(new DefinitionProposed("m1", "MQL", "lead with score >= 60", MARKETING, "Ana"))
               .expectResultMessagePayloadMatching(satisfies("proposed at version 2", (TermDefinition d) ->
                       d.status() == DefinitionStatus.PROPOSED && d.sinceVersion() == 2));
    }

    @Test
    void proposingTheSameTextAgain_changesNothing() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"))
               .when(new ProposeDefinition("m1", "mql", "score >= 60", "MARKETING", "Ana"))
               .expectNoEvents();
    }

    @Test
    void definitionIsNotAgreedByTheFunctionThatProposedIt() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"))
               .when(new AcceptDefinition("m1", "MQL", null, "MARKETING", "Max"))
               .expectNoEvents()
               .expectException(violatesOnly("function", "definition-agreed-by-other-function"));
    }

    @Test
    void anotherFunctionAgreesToTheExactText() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"))
               .when(new AcceptDefinition("m1", "mql", "score >= 60", "SALES", "Bo"))
               .expectEvents(new DefinitionAgreed("m1", "MQL", "score >= 60", SALES, "Bo"))
               .expectResultMessagePayloadMatching(satisfies("agreed by SALES", (TermDefinition d) ->
                       d.agreed() && d.agreedBy() == SALES && d.proposedBy() == MARKETING && d.sinceVersion() == 3));
    }

    @Test
    void agreeingToAnOutdatedText_isRefused() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"),
                      new DefinitionProposed("m1", "MQL", "score >= 70", MARKETING, "Ana"))
               .when(new AcceptDefinition("m1", "MQL", "score >= 60", "SALES", "Bo"))
               .expectNoEvents()
               .expectException(violatesOnly("text", "definition-text-current"));
    }

    @Test
    void rewordingAnAgreedDefinition_needsAgreementAgain() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"),
                      new DefinitionAgreed("m1", "MQL", "score >= 60", SALES, "Bo"))
               .when(new ProposeDefinition("m1", "MQL", "score >= 70", "SALES", "Bo"))
               .expectEvents(new DefinitionProposed("m1", "MQL", "score >= 70", SALES, "Bo"))
               .expectResultMessagePayloadMatching(satisfies("proposed again", (TermDefinition d) ->
                       d.status() == DefinitionStatus.PROPOSED && d.proposedBy() == SALES && d.agreedBy() == null));
    }

    @Test
    void reworderCannotAgreeToTheirOwnNewText_butTheOriginalProposerCan() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"),
                      new DefinitionAgreed("m1", "MQL", "score >= 60", SALES, "Bo"),
                      new DefinitionProposed("m1", "MQL", "score >= 70", SALES, "Bo"))
               .when(new AcceptDefinition("m1", "MQL", null, "MARKETING", "Ana"))
               .expectEvents(new DefinitionAgreed("m1", "MQL", "score >= 70", MARKETING, "Ana"));
    }

    @Test
    void acceptingAnAgreedDefinitionAgain_changesNothing() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"),
                      new DefinitionAgreed("m1", "MQL", "score >= 60", SALES, "Bo"))
               .when(new AcceptDefinition("m1", "MQL", null, "SALES", "Bo"))
               .expectNoEvents()
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void proposerCannotAcceptItsOwnTextAfterAnotherFunctionAgreed() {
        fixture.given(defined("m1"), new DefinitionProposed("m1", "MQL", "score >= 60", MARKETING, "Ana"),
                      new DefinitionAgreed("m1", "MQL", "score >= 60", SALES, "Bo"))
               .when(new AcceptDefinition("m1", "MQL", null, "MARKETING", "Max"))
               .expectNoEvents()
               .expectException(violatesOnly("function", "definition-agreed-by-other-function"));
    }

    @Test
    void acceptingAnUnknownTerm_isNotFound() {
        fixture.given(defined("m1"))
               .when(new AcceptDefinition("m1", "SQL", null, "SALES", "Bo"))
               .expectException(NotFoundException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.startsWith("definition-known:"));
    }

    @Test
    void definitionNeedsTermTextFunctionAndPerson() {
        fixture.given(defined("m1"))
               .when(new ProposeDefinition("m1", "a/b", " ", "PRODUCT", null))
               .expectException(violates("term", "definition-term-format"))
               .expectException(violates("text", "definition-text-required"))
               .expectException(violates("function", "function-valid"))
               .expectException(violates("by", "person-required"));
        fixture.given(defined("m1"))
               .when(new ProposeDefinition("m1", null, "x", "SALES", "Bo"))
               .expectException(violatesOnly("term", "definition-term-required"));
    }

    @Test
    void definitionsNeedAnExistingMap() {
        fixture.givenNoPriorActivity()
               .when(new ProposeDefinition("m1", "MQL", "score >= 60", "MARKETING", "Ana"))
               .expectException(AggregateNotFoundException.class);
    }

    private static List<Stage> replaceStage(List<Stage> stages, int index, Stage stage) {
        List<Stage> result = new ArrayList<>(stages);
        result.set(index, stage);
        return result;
    }

    @Test
    void foldedTermKeepsItsFirstSpelling() {
        MapVersion version = MapVersion.initial("m1")
                                       .apply(defined("m1"), java.time.Instant.EPOCH, null)
                                       .apply(new DefinitionProposed("m1", "MQL", "a", MARKETING, "Ana"),
                                              java.time.Instant.EPOCH, null)
                                       .apply(new DefinitionProposed("m1", "MQL", "b", SALES, "Bo"),
                                              java.time.Instant.EPOCH, null);
        assertThat(version.definitions()).extracting(TermDefinition::term, TermDefinition::text)
                                         .containsExactly(org.assertj.core.groups.Tuple.tuple("MQL", "b"));
        assertThat(version.version()).isEqualTo(3);
    }
}

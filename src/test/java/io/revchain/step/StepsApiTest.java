package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.revchain.journey.CustomStepRecorded;
import io.revchain.journey.DealWon;
import io.revchain.journey.LeadCaptured;
import io.revchain.journey.LeadQualified;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class StepsApiTest extends StepsApiTestSupport {

    @Test
    void recordsBatchAndCountsAcceptedSteps() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead,
                                         "channel", "webinar", "owner", "ann"),
                             journeyStep(lead + "-2", "LeadQualified", "2024-04-02T09:00:00Z", lead, "score", 72.5),
                             journeyStep(lead + "-3", CUSTOM_TYPE, "2024-04-03T09:00:00Z", lead)),
                     3, 0);

        assertThat(eventTypes("journey:" + lead)).containsExactly("LeadCaptured", "LeadQualified",
                                                                  "CustomStepRecorded");
        LeadQualified qualified = (LeadQualified) events("journey:" + lead).get(1).getPayload();
        assertThat(qualified.score()).isEqualTo(72.5);
        assertThat(qualified.journeyId()).isEqualTo(lead);
        assertThat(qualified.stepId()).isEqualTo(lead + "-2");
        assertThat(intakeThreads).isNotEmpty().allMatch(name -> name.startsWith("revchain-write-"));
    }

    @Test
    void repostedBatchIsCountedAsDuplicatesAndStoresNothingNew() {
        String lead = unique("lead");
        List<Map<String, Object>> batch = List.of(
                journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead),
                journeyStep(lead + "-2", "LeadQualified", "2024-04-02T09:00:00Z", lead),
                journeyStep(lead + "-3", "LeadHandedOff", "2024-04-03T09:00:00Z", lead, "to", "sales-emea"));
        postAccepted(batch, 3, 0);
        long stored = storedEventDocuments();

        postAccepted(batch, 0, 3);

        assertThat(storedEventDocuments()).isEqualTo(stored);
        assertThat(eventTypes("journey:" + lead)).containsExactly("LeadCaptured", "LeadQualified", "LeadHandedOff");
    }

    @Test
    void batchOverlappingARecordedOneRecordsOnlyTheNewSteps() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead)), 1, 0);

        postAccepted(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead),
                             journeyStep(lead + "-2", "LeadQualified", "2024-04-02T09:00:00Z", lead)), 1, 1);
    }

    @Test
    void stepRepeatedVerbatimInOneBatchIsADuplicate() {
        String lead = unique("lead");
        Map<String, Object> step = journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead);
        postAccepted(List.of(step, step), 1, 1);
        assertThat(eventTypes("journey:" + lead)).containsExactly("LeadCaptured");
    }

    @Test
    void emptyBatchRecordsNothing() {
        postAccepted(List.of(), 0, 0);
    }

    @Test
    void stepsOfOneBatchAreAppliedInBusinessTimeOrder() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-9", "DealWon", "2024-06-01", lead, "amount", "48000.00"),
                             journeyStep(lead + "-3", "LeadHandedOff", "2024-04-03T09:00:00Z", lead),
                             journeyStep(lead + "-5", "OpportunityOpened", "2024-04-20T09:00:00+02:00", lead,
                                         "amount", 50000),
                             journeyStep(lead + "-2", "LeadQualified", "2024-04-02T09:00:00Z", lead)),
                     4, 0);

        assertThat(eventTypes("journey:" + lead))
                .containsExactly("LeadQualified", "LeadHandedOff", "OpportunityOpened", "DealWon");
    }

    @Test
    void dateOnlyTimestampMeansStartOfDayUtc() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-9", "DealWon", "2024-06-01", lead, "amount", "48000.10")), 1, 0);

        DealWon won = (DealWon) events("journey:" + lead).get(0).getPayload();
        assertThat(won.occurredAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(won.amount()).isEqualByComparingTo(new BigDecimal("48000.10"));
    }

    @Test
    void attributesNotNamedByTheEventAreKeptAsJourneyDimensions() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-2", "LeadQualified", "2024-04-02T09:00:00Z", lead,
                                         "score", "61", "segment", "smb-eu", "owner", "ann", "priority", 2,
                                         "hot", true, "ignored", null)),
                     1, 0);

        LeadQualified qualified = (LeadQualified) events("journey:" + lead).get(0).getPayload();
        assertThat(qualified.score()).isEqualTo(61.0);
        assertThat(qualified.attributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("segment", "smb-eu", "owner", "ann", "priority", "2",
                                                           "hot", "true"));
        assertThat(qualified.dimension("segment")).isEqualTo("smb-eu");
    }

    @Test
    void recordsStepOfCustomTypeDeclaredByAMap() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-4", CUSTOM_TYPE, "2024-04-04T09:00:00Z", lead, "owner", "bob")),
                     1, 0);

        CustomStepRecorded custom = (CustomStepRecorded) events("journey:" + lead).get(0).getPayload();
        assertThat(custom.stepType()).isEqualTo(CUSTOM_TYPE);
        assertThat(custom.attributes()).containsEntry("owner", "bob");
    }

    // ---- errors: 400 problem+json, nothing stored ---------------------------------------------------------------

    @Test
    void unknownTypeIsRefused() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01", lead),
                             journeyStep(lead + "-2", "PigeonSent", "2024-04-02", lead)))
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").value(containsString("unknown step type 'PigeonSent'"));
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void missingTypeIsRefused() {
        Map<String, Object> step = journeyStep(unique("s"), null, "2024-04-01", unique("lead"));
        postRejected(List.of(step))
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").isEqualTo("is required");
    }

    @Test
    void missingStepIdIsRefused() {
        postRejected(List.of(journeyStep(null, "LeadCaptured", "2024-04-01", unique("lead"))))
                .jsonPath("$.errors[0].field").isEqualTo("stepId")
                .jsonPath("$.errors[0].reason").isEqualTo("is required");
    }

    @Test
    void missingObjectIdIsRefused() {
        Map<String, Object> step = journeyStep(unique("s"), "LeadQualified", "2024-04-01", null);
        postRejected(List.of(step))
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].field").isEqualTo("journeyId")
                .jsonPath("$.errors[0].reason").isEqualTo("is required for LeadQualified");
    }

    @Test
    void extraObjectIdIsRefused() {
        Map<String, Object> step = journeyStep(unique("s"), "LeadQualified", "2024-04-01", unique("lead"));
        step.put("campaignId", "spring-webinar");
        postRejected(List.of(step))
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].field").isEqualTo("campaignId")
                .jsonPath("$.errors[0].reason").value(startsWith("not allowed: LeadQualified is a step of a journey"));
    }

    @Test
    void idOfTheWrongKindForTheTypeIsRefused() {
        Map<String, Object> step = step(unique("s"), "SegmentProfiled", "2024-04-01", "journeyId", unique("lead"),
                                        "name", "SMB");
        postRejected(List.of(step))
                .jsonPath("$.errors").value(hasSize(2))
                .jsonPath("$.errors[0].field").isEqualTo("journeyId")
                .jsonPath("$.errors[1].field").isEqualTo("segmentId")
                .jsonPath("$.errors[1].reason").isEqualTo("is required for SegmentProfiled");
    }

    @Test
    void missingTimestampIsRefused() {
        postRejected(List.of(journeyStep(unique("s"), "LeadCaptured", null, unique("lead"))))
                .jsonPath("$.errors[0].field").isEqualTo("occurredAt")
                .jsonPath("$.errors[0].reason").isEqualTo("is required");
    }

    @Test
    void badTimestampsAreRefused() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "yesterday", lead),
                             journeyStep(lead + "-2", "LeadCaptured", "2024-13-01", lead),
                             journeyStep(lead + "-3", "LeadCaptured", "2024-04-01T09:00:00", lead),
                             journeyStep(lead + "-4", "LeadCaptured", "01/04/2024", lead)))
                .jsonPath("$.errors").value(hasSize(4))
                .jsonPath("$.errors[*].field").value(v -> assertThat((List<Object>) v).containsOnly("occurredAt"))
                .jsonPath("$.errors[2].reason").value(containsString("is not an ISO-8601 instant"));
    }

    @Test
    void badAttributeValuesAreRefused() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "OpportunityOpened", "2024-04-01", lead, "amount", "lots"),
                             journeyStep(lead + "-2", "DealWon", "2024-04-02", lead, "amount", -5),
                             journeyStep(lead + "-3", "LeadQualified", "2024-04-03", lead, "score", "high"),
                             journeyStep(lead + "-4", "LeadCaptured", "2024-04-04", lead,
                                         "owner", Map.of("name", "ann"))))
                .jsonPath("$.errors").value(hasSize(4))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a number, got \"lots\"")
                .jsonPath("$.errors[1].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[1].reason").value(startsWith("must not be negative"))
                .jsonPath("$.errors[2].field").isEqualTo("attributes.score")
                .jsonPath("$.errors[3].field").isEqualTo("attributes.owner");
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void amountInACurrencyNoMapDeclares_isRefusedWithTheRule_andNothingIsStored() {
        String lead = unique("lead");
        String campaign = unique("campaign");
        postRejected(List.of(journeyStep(lead + "-1", "OpportunityOpened", "2024-04-01", lead, "amount", 100,
                                         "currency", "JPY"),
                             journeyStep(lead + "-2", "DealWon", "2024-04-02", lead, "amount", 100,
                                         "currency", "EURO"),
                             step(campaign + "-l", "CampaignLaunched", "2024-03-01", "campaignId", campaign,
                                  "segment", "s", "budget", 500, "currency", "USD")))
                .jsonPath("$.errors").value(hasSize(3))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.currency")
                .jsonPath("$.errors[0].reason").value(startsWith("rule currency-declared: no supply chain map "
                                                                 + "declares JPY"))
                .jsonPath("$.errors[1].reason").value(startsWith("rule currency-iso-4217: 'EURO'"))
                .jsonPath("$.errors[2].reason").value(startsWith("rule currency-declared"));
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void amountInADeclaredCurrencyOrWithoutOne_isAccepted_andACurrencyWithoutAmountIsNotChecked() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-1", "OpportunityOpened", "2024-04-01", lead, "amount", 100,
                                         "currency", "eur"),
                             journeyStep(lead + "-2", "OpportunityAdvanced", "2024-04-02", lead, "salesStage", "Demo",
                                         "currency", "JPY"),
                             journeyStep(lead + "-3", "DealWon", "2024-04-03", lead, "amount", 90)), 3, 0);
    }

    @Test
    void numbersOutOfRangeAreRefusedAndOddOnesKept() {
        String lead = unique("lead");
        String body = "[{\"stepId\": \"" + lead + "-1\", \"type\": \"DealWon\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": {\"amount\": 1e999999999}},"
                + "{\"stepId\": \"" + lead + "-2\", \"type\": \"OpportunityOpened\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": {\"amount\": \"1E+999999999\"}},"
                + "{\"stepId\": \"" + lead + "-3\", \"type\": \"LeadQualified\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": {\"score\": \"0.1234567890123456789012345678901\"}}]";
        postRejected(body)
                .jsonPath("$.errors").value(hasSize(3))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[1].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[1].reason").value(startsWith("must have at most 30 digits"))
                .jsonPath("$.errors[2].field").isEqualTo("attributes.score");

        postAccepted("[{\"stepId\": \"" + lead + "-4\", \"type\": \"LeadCaptured\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": {\"big\": 1E+999999999, \"ratio\": 0.10, \"code\": \"0.10\"}}]", 1, 0);
        LeadCaptured captured = (LeadCaptured) events("journey:" + lead).get(0).getPayload();
        assertThat(captured.attributes()).containsKey("big").containsEntry("ratio", "0.1").containsEntry("code", "0.10");
    }

    @Test
    void missingRequiredAttributesAreRefused() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "OpportunityAdvanced", "2024-04-01", lead),
                             journeyStep(lead + "-2", "FeedbackActioned", "2024-04-02", lead, "feedbackId", "f1"),
                             step(lead + "-3", "CampaignLaunched", "2024-04-03", "campaignId", unique("c"))))
                .jsonPath("$.errors").value(hasSize(4))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.salesStage")
                .jsonPath("$.errors[0].reason").isEqualTo("is required for OpportunityAdvanced")
                .jsonPath("$.errors[1].field").isEqualTo("attributes.action")
                .jsonPath("$.errors[2].field").isEqualTo("attributes.segment")
                .jsonPath("$.errors[3].field").isEqualTo("attributes.segment")
                .jsonPath("$.errors[3].index").isEqualTo(2);
    }

    @Test
    void sameStepIdWithDifferentContentInOneBatchIsRefused() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01", lead),
                             journeyStep(lead + "-1", "LeadQualified", "2024-04-02", lead)))
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("stepId")
                .jsonPath("$.errors[0].reason").value(containsString("same stepId with different content"));
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void allSyntaxErrorsOfABatchAreReportedAtOnce() {
        String lead = unique("lead");
        Map<String, Object> noType = journeyStep(lead + "-2", null, "2024-04-02", lead);
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01", lead),
                             noType,
                             journeyStep(null, "LeadQualified", "not a date", null)))
                .jsonPath("$.errors").value(hasSize(4))
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[1].index").isEqualTo(2)
                .jsonPath("$.errors[1].field").isEqualTo("stepId")
                .jsonPath("$.errors[2].field").isEqualTo("occurredAt")
                .jsonPath("$.errors[3].field").isEqualTo("journeyId")
                .jsonPath("$.detail").value(containsString("(and 3 more)"));
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void domainRuleViolationIsRefusedNamingTheRule() {
        String lead = unique("lead");
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01", lead),
                             journeyStep(lead + "-3", "LeadHandedOff", "2024-04-03", lead)))
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").value(startsWith("rule handoff-requires-qualification: "));
        assertThat(events("journey:" + lead)).isEmpty();
    }

    @Test
    void violationsAgainstStoredHistoryAreRefused() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-9", "DealWon", "2024-06-01", lead)), 1, 0);

        postRejected(List.of(journeyStep(lead + "-10", "DealLost", "2024-06-02", lead, "reason", "price")))
                .jsonPath("$.errors[0].reason").value(startsWith("rule deal-outcome-final: "));
        postRejected(List.of(journeyStep(lead + "-11", "OpportunityAdvanced", "2024-06-03", lead,
                                         "salesStage", "Negotiation")))
                .jsonPath("$.errors[0].reason").value(startsWith("rule no-step-after-outcome: "));
        postAccepted(List.of(journeyStep(lead + "-8", "OpportunityAdvanced", "2024-05-20", lead,
                                         "salesStage", "Negotiation")), 1, 0);
    }

    @Test
    void firstRuleViolationOfEachAggregateIsReported() {
        String a = unique("lead");
        String b = unique("lead");
        String campaign = unique("campaign");
        postRejected(List.of(journeyStep(a + "-1", "LeadAccepted", "2024-04-01", a),
                             journeyStep(b + "-1", "CustomerOnboarded", "2024-04-01", b),
                             journeyStep(b + "-2", "LeadAccepted", "2024-04-02", b),
                             step(campaign + "-1", "CampaignLaunched", "2024-04-01", "campaignId", campaign,
                                  "segment", unique("never-profiled"))))
                .jsonPath("$.errors").value(hasSize(3))
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].reason").value(startsWith("rule response-requires-handoff: "))
                .jsonPath("$.errors[1].index").isEqualTo(1)
                .jsonPath("$.errors[1].reason").value(startsWith("rule onboarding-requires-won-deal: "))
                .jsonPath("$.errors[2].index").isEqualTo(3)
                .jsonPath("$.errors[2].reason").value(startsWith("rule campaign-requires-profiled-segment: "));
    }

    @Test
    void misspelledTypeSuggestsTheBuiltInOne() {
        postRejected(List.of(journeyStep(unique("s"), "LeadQualifed", "2024-04-01", unique("lead"))))
                .jsonPath("$.errors[0].reason").value(containsString("(did you mean 'LeadQualified'?)"));
    }

    @Test
    void undeclaredCustomTypeIsUnknown() {
        postRejected(List.of(journeyStep(unique("s"), "WorkshopHeld", "2024-04-01", unique("lead"))))
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").value(containsString("nor declared by a supply chain map"));
    }

    @Test
    void malformedJsonIsRefused() {
        client.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON)
              .bodyValue("[{\"stepId\": \"s1\", \"type\": ")
              .exchange()
              .expectStatus().isBadRequest()
              .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
              .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void nullStepIsRefused() {
        List<Object> batch = new java.util.ArrayList<>();
        batch.add(null);
        postRejected(batch)
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void malformedStepIsReportedWithItsIndexAlongsideOtherErrors() {
        String lead = unique("lead");
        Map<String, Object> wrongShapes = journeyStep(lead + "-2", "LeadCaptured", "2024-04-02", lead);
        wrongShapes.put("stepId", Map.of("id", 1));
        wrongShapes.put("attributes", List.of("webinar"));
        Map<String, Object> typo = journeyStep(lead + "-3", "LeadCaptured", "2024-04-03", lead);
        typo.put("jouneyId", lead);
        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "someday", lead), wrongShapes, typo, "text"))
                .jsonPath("$.errors").value(hasSize(5))
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("occurredAt")
                .jsonPath("$.errors[1].index").isEqualTo(1)
                .jsonPath("$.errors[1].field").isEqualTo("stepId")
                .jsonPath("$.errors[1].reason").isEqualTo("must be a string")
                .jsonPath("$.errors[2].field").isEqualTo("attributes")
                .jsonPath("$.errors[3].index").isEqualTo(2)
                .jsonPath("$.errors[3].field").isEqualTo("jouneyId")
                .jsonPath("$.errors[3].reason").value(startsWith("unknown field"))
                .jsonPath("$.errors[4].index").isEqualTo(3)
                .jsonPath("$.errors[4].field").isEqualTo("body");
    }

    @Test
    void numericIdsAreReadAsText() {
        long lead = System.nanoTime();
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", lead);
        step.put("type", "LeadCaptured");
        step.put("occurredAt", "2024-04-01");
        step.put("journeyId", lead);
        postAccepted(List.of(step), 1, 0);
        assertThat(events("journey:" + lead)).singleElement()
                .satisfies(e -> assertThat(((LeadCaptured) e.getPayload()).stepId()).isEqualTo(String.valueOf(lead)));
    }

    @Test
    void blankIdsOfOtherKindsCountAsAbsent() {
        String lead = unique("lead");
        Map<String, Object> step = new LinkedHashMap<>(journeyStep(lead + "-1", "LeadCaptured", "2024-04-01", lead));
        step.put("segmentId", "");
        step.put("campaignId", null);
        postAccepted(List.of(step), 1, 0);
    }
}

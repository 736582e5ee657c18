package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A batch lands whole or not at all, across all the aggregates it touches. */
class StepBatchAtomicityTest extends StepsApiTestSupport {

    private List<Map<String, Object>> validSteps(String segment, String campaign, String leadA) {
        return List.of(step(segment + "-1", "SegmentProfiled", "2024-01-10", "segmentId", segment, "name", "SMB EU"),
                       step(campaign + "-1", "CampaignLaunched", "2024-03-01", "campaignId", campaign,
                            "segment", segment, "budget", 12000),
                       journeyStep(leadA + "-1", "LeadCaptured", "2024-04-01", leadA, "campaign", campaign),
                       journeyStep(leadA + "-2", "LeadQualified", "2024-04-02", leadA, "score", 80),
                       journeyStep(leadA + "-3", "LeadHandedOff", "2024-04-03", leadA, "to", "sales-emea"));
    }

    private long reservedSequence() {
        Document counter = database.getCollection("sequences").find(Filters.eq("_id", "events")).first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }

    @Test
    void ruleViolationForOneJourneyStoresNothingOfTheBatch() {
        String segment = unique("segment");
        String campaign = unique("campaign");
        String leadA = unique("lead-a");
        String leadB = unique("lead-b");
        List<Map<String, Object>> batch = new ArrayList<>(validSteps(segment, campaign, leadA));
        batch.add(journeyStep(leadB + "-1", "LeadCaptured", "2024-04-01", leadB));
        batch.add(journeyStep(leadB + "-2", "DealWon", "2024-05-01", leadB));
        batch.add(journeyStep(leadB + "-3", "DealLost", "2024-05-02", leadB));
        long documentsBefore = storedEventDocuments();
        long sequenceBefore = reservedSequence();

        postRejected(batch)
                .jsonPath("$.errors").value(hasSize(1))
                .jsonPath("$.errors[0].index").isEqualTo(7)
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").value(startsWith("rule deal-outcome-final: "));

        assertThat(events("segment:" + segment)).isEmpty();
        assertThat(events("campaign:" + campaign)).isEmpty();
        assertThat(events("journey:" + leadA)).isEmpty();
        assertThat(events("journey:" + leadB)).isEmpty();
        assertThat(storedEventDocuments()).isEqualTo(documentsBefore);
        assertThat(reservedSequence()).as("no sequence number was even reserved").isEqualTo(sequenceBefore);

        postAccepted(validSteps(segment, campaign, leadA), 5, 0);
        assertThat(eventTypes("journey:" + leadA)).containsExactly("LeadCaptured", "LeadQualified", "LeadHandedOff");
        assertThat(eventTypes("segment:" + segment)).containsExactly("SegmentProfiled");
        assertThat(eventTypes("campaign:" + campaign)).containsExactly("CampaignLaunched");
    }

    @Test
    void syntaxErrorStoresNothingOfTheBatch() {
        String segment = unique("segment");
        String campaign = unique("campaign");
        String leadA = unique("lead-a");
        List<Map<String, Object>> batch = new ArrayList<>(validSteps(segment, campaign, leadA));
        batch.add(journeyStep(leadA + "-4", "OpportunityOpened", "2024-04-05", leadA, "amount", "a lot"));
        long documentsBefore = storedEventDocuments();

        postRejected(batch).jsonPath("$.errors[0].field").isEqualTo("attributes.amount");

        assertThat(storedEventDocuments()).isEqualTo(documentsBefore);
        assertThat(events("journey:" + leadA)).isEmpty();
    }

    @Test
    void writeConflictForOneJourneyStoresNothingOfTheBatch() {
        String segment = unique("segment");
        String campaign = unique("campaign");
        String leadA = unique("lead-a");
        String leadB = unique("lead-b");
        // Another writer already holds journey B's second event: the batch's append fails after A's events.
        database.getCollection("events").insertOne(
                new Document("_id", -System.nanoTime()).append("stream", "journey:" + leadB + "/1")
                                                       .append("aggregateId", "journey:" + leadB)
                                                       .append("sequenceNumber", 1L)
                                                       .append("recordedAt", Date.from(Instant.now())));
        List<Map<String, Object>> batch = new ArrayList<>(validSteps(segment, campaign, leadA));
        batch.add(journeyStep(leadB + "-1", "LeadCaptured", "2024-04-01", leadB));
        batch.add(journeyStep(leadB + "-2", "LeadQualified", "2024-04-02", leadB));

        post(batch).expectStatus().isEqualTo(409)
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        for (String aggregate : List.of("segment:" + segment, "campaign:" + campaign, "journey:" + leadA)) {
            assertThat(database.getCollection("events").countDocuments(Filters.eq("aggregateId", aggregate)))
                    .as("documents of %s", aggregate).isZero();
        }
        assertThat(events("journey:" + leadA)).isEmpty();
    }
}

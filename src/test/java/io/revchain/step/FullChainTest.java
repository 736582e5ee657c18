package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.journey.FeedbackActioned;
import io.revchain.journey.FeedbackRecorded;
import io.revchain.journey.LeadCaptured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/** The whole chain, from segment profile to actioned feedback, through HTTP and back out of the event store. */
class FullChainTest extends StepsApiTestSupport {

    @Test
    void fullChainForSeveralJourneysIsStoredInBusinessTimeOrder() {
        Instant testStart = Instant.now();
        String segment = unique("smb-eu");
        String campaign = unique("spring-webinar");
        String won = unique("lead-won");
        String lost = unique("lead-lost");
        String late = unique("lead-late");

        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(step(segment + "-p", "SegmentProfiled", "2024-01-10T09:00:00Z", "segmentId", segment,
                       "name", "SMB Europe", "industry", "software", "size", "10-50", "region", "EU",
                       "persona", "CTO", "needs", "compliance"));
        batch.add(step(campaign + "-l", "CampaignLaunched", "2024-03-01T08:00:00Z", "campaignId", campaign,
                       "segment", segment, "name", "Spring webinar", "channel", "webinar", "budget", "12000.00"));
        batch.add(step(campaign + "-a", "AssetPublished", "2024-03-02T08:00:00Z", "campaignId", campaign,
                       "assetId", "case-study-1", "kind", "case-study"));
        batch.addAll(wonJourney(won, segment, campaign));
        batch.addAll(lostJourney(lost, segment, campaign));
        batch.addAll(wonJourney(late, segment, campaign));
        Collections.shuffle(batch, new Random(42));

        postAccepted(batch, batch.size(), 0);

        List<String> wonPath = List.of("LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted",
                                       "OpportunityOpened", "OpportunityAdvanced", "AssetUsed", "DealWon",
                                       "CustomerOnboarded", "FeedbackRecorded", "FeedbackActioned");
        assertThat(eventTypes("journey:" + won)).containsExactlyElementsOf(wonPath);
        assertThat(eventTypes("journey:" + late)).containsExactlyElementsOf(wonPath);
        assertThat(eventTypes("journey:" + lost))
                .containsExactly("LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadRejected", "LeadQualified",
                                 "LeadHandedOff", "LeadAccepted", "OpportunityOpened", "CustomStepRecorded",
                                 "DealLost", "FeedbackRecorded", "FeedbackActioned");

        List<DomainEventMessage<?>> journey = events("journey:" + won);
        LeadCaptured captured = (LeadCaptured) journey.get(0).getPayload();
        assertThat(captured.campaignId()).isEqualTo(campaign);
        assertThat(captured.segmentId()).isEqualTo(segment);
        FeedbackRecorded feedback = (FeedbackRecorded) journey.get(9).getPayload();
        FeedbackActioned actioned = (FeedbackActioned) journey.get(10).getPayload();
        assertThat(actioned.feedbackId()).isEqualTo(feedback.feedbackId()).isEqualTo(won + "-10");
        assertThat(actioned.segmentId()).isEqualTo(segment);
        assertThat(journey).allSatisfy(event -> {
            assertThat(event.getAggregateIdentifier()).isEqualTo("journey:" + won);
            assertThat(event.getTimestamp()).as("record time").isBetween(testStart, Instant.now());
        });
        assertThat(journey.stream().map(DomainEventMessage::getSequenceNumber)).containsExactly(
                0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        // Marketing closes the loop: the feedback revises the segment; the campaign ends.
        postAccepted(List.of(step(segment + "-r", "SegmentProfileRevised", "2024-09-01", "segmentId", segment,
                                  "needs", "compliance, onboarding", "revisedFrom", won + "-10"),
                             step(campaign + "-c", "CampaignClosed", "2024-06-30", "campaignId", campaign)),
                     2, 0);
        assertThat(eventTypes("segment:" + segment)).containsExactly("SegmentProfiled", "SegmentProfileRevised");
        assertThat(eventTypes("campaign:" + campaign))
                .containsExactly("CampaignLaunched", "AssetPublished", "CampaignClosed");
        assertThat(Duration.between(testStart, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }

    private static List<Map<String, Object>> wonJourney(String lead, String segment, String campaign) {
        return List.of(
                journeyStep(lead + "-1", "LeadCaptured", "2024-04-01T09:00:00Z", lead, "segment", segment,
                            "campaign", campaign, "channel", "webinar", "source", "linkedin"),
                journeyStep(lead + "-2", "LeadQualified", "2024-04-03T09:00:00Z", lead, "score", 81, "owner", "ann"),
                journeyStep(lead + "-3", "LeadHandedOff", "2024-04-03T15:00:00Z", lead, "to", "sales-emea"),
                journeyStep(lead + "-4", "LeadAccepted", "2024-04-04T10:00:00Z", lead, "owner", "bob"),
                journeyStep(lead + "-5", "OpportunityOpened", "2024-04-10", lead, "amount", 50000,
                            "currency", "EUR"),
                journeyStep(lead + "-6", "OpportunityAdvanced", "2024-04-20", lead, "salesStage", "Proposal"),
                journeyStep(lead + "-7", "AssetUsed", "2024-04-21", lead, "assetId", "case-study-1"),
                journeyStep(lead + "-8", "DealWon", "2024-05-15", lead, "amount", "48000.00"),
                journeyStep(lead + "-9", "CustomerOnboarded", "2024-06-01", lead),
                journeyStep(lead + "-10", "FeedbackRecorded", "2024-08-01", lead, "score", 9, "sentiment",
                            "positive", "topic", "onboarding", "comment", "wants compliance reports"),
                journeyStep(lead + "-11", "FeedbackActioned", "2024-08-15", lead, "feedbackId", lead + "-10",
                            "segment", segment, "action", "add compliance reporting to segment needs"));
    }

    private static List<Map<String, Object>> lostJourney(String lead, String segment, String campaign) {
        return List.of(
                journeyStep(lead + "-1", "LeadCaptured", "2024-04-02", lead, "campaign", campaign),
                journeyStep(lead + "-2", "LeadQualified", "2024-04-05", lead, "score", 55),
                journeyStep(lead + "-3", "LeadHandedOff", "2024-04-06", lead, "to", "sales-emea"),
                journeyStep(lead + "-4", "LeadRejected", "2024-04-07", lead, "reason", "no budget this quarter"),
                journeyStep(lead + "-5", "LeadQualified", "2024-05-02", lead, "score", 70),
                journeyStep(lead + "-6", "LeadHandedOff", "2024-05-03", lead, "to", "rep:carol"),
                journeyStep(lead + "-7", "LeadAccepted", "2024-05-04", lead),
                journeyStep(lead + "-8", "OpportunityOpened", "2024-05-10", lead, "amount", "20000"),
                journeyStep(lead + "-9", CUSTOM_TYPE, "2024-05-12", lead, "owner", "carol"),
                journeyStep(lead + "-10", "DealLost", "2024-06-01", lead, "reason", "price", "competitor", "Acme"),
                journeyStep(lead + "-11", "FeedbackRecorded", "2024-06-05", lead, "sentiment", "negative",
                            "topic", "pricing"),
                journeyStep(lead + "-12", "FeedbackActioned", "2024-06-20", lead, "feedbackId", lead + "-11",
                            "campaign", campaign, "action", "add a pricing page to the campaign"));
    }
}

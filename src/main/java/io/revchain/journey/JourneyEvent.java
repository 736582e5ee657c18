package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

/**
 * A step of one lead's journey. {@code occurredAt} is business time; the message timestamp is when revchain learned
 * it. {@code attributes} carries the step's other attributes (owner, segment, campaign, channel, source...) because
 * imported history often starts at a later step, so projections take the journey's dimensions from any step.
 */
public sealed interface JourneyEvent permits LeadCaptured, LeadQualified, LeadDisqualified, LeadHandedOff,
        LeadAccepted, LeadRejected, OpportunityOpened, OpportunityAdvanced, AssetUsed, DealWon, DealLost,
        CustomerOnboarded, FeedbackRecorded, FeedbackActioned, CustomStepRecorded {

    String SEGMENT = "segment";
    String CAMPAIGN = "campaign";
    String CHANNEL = "channel";
    String SOURCE = "source";
    String OWNER = "owner";

    String journeyId();

    String stepId();

    Instant occurredAt();

    Map<String, String> attributes();

    /** A dimension of the journey as this step states it (segment, campaign, channel, source, owner...), or null. */
    default String dimension(String name) {
        return attributes().get(name);
    }
}

package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record ActionFeedback(String stepId, Instant occurredAt, String feedbackId, String segmentId,
                             String campaignId, String action, Map<String, String> attributes) implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new FeedbackActioned(journeyId, feedbackId, segmentId, campaignId, action, attributes, occurredAt,
                                    stepId);
    }
}

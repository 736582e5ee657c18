package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record CaptureLead(String stepId, Instant occurredAt, String segmentId, String campaignId, String channel,
                          String source, Map<String, String> attributes) implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new LeadCaptured(journeyId, segmentId, campaignId, channel, source, attributes, occurredAt, stepId);
    }
}

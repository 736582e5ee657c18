package io.revchain.journey;

import java.time.Instant;
import java.util.Map;

public record UseAsset(String stepId, Instant occurredAt, String assetId, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new AssetUsed(journeyId, assetId, attributes, occurredAt, stepId);
    }
}

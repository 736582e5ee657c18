package io.revchain.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

public record WinDeal(String stepId, Instant occurredAt, BigDecimal amount, Map<String, String> attributes)
        implements JourneyStep {

    @Override
    public JourneyEvent toEvent(String journeyId) {
        return new DealWon(journeyId, amount, attributes, occurredAt, stepId);
    }
}

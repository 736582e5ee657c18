package io.revchain.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Sales opened an opportunity (SQL); {@code amount} is the expected deal value when known. */
public record OpportunityOpened(String journeyId,
                                BigDecimal amount,
                                Map<String, String> attributes,
                                Instant occurredAt,
                                String stepId) implements JourneyEvent {

    public OpportunityOpened {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

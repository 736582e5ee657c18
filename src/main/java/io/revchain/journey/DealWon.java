package io.revchain.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The deal was won: a terminal outcome after which only onboarding, feedback and asset use follow. */
public record DealWon(String journeyId,
                      BigDecimal amount,
                      Map<String, String> attributes,
                      Instant occurredAt,
                      String stepId) implements JourneyEvent {

    public DealWon {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

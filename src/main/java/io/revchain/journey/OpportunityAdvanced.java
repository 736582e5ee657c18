package io.revchain.journey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** The opportunity entered a sales stage such as {@code Proposal} or {@code Negotiation}. */
public record OpportunityAdvanced(String journeyId,
                                  String salesStage,
                                  Map<String, String> attributes,
                                  Instant occurredAt,
                                  String stepId) implements JourneyEvent {

    public OpportunityAdvanced {
        Objects.requireNonNull(journeyId, "journeyId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}

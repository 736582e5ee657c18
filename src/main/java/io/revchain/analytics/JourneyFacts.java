package io.revchain.analytics;

import java.util.List;
import java.util.Objects;

/** Every step known for one journey, in any order. */
public record JourneyFacts(String journeyId, List<StepFact> steps) {

    public JourneyFacts {
        Objects.requireNonNull(journeyId, "journeyId");
        steps = List.copyOf(steps);
    }
}

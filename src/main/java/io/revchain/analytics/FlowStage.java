package io.revchain.analytics;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One stage of a map. {@code terminal} is the effective flag: set when the map flags the stage or when the only steps
 * that enter it close a journey (a journey that ends there is done, not waiting).
 */
public record FlowStage(String stageId, String name, String owner, Set<String> enteredOn, Duration sla,
                        boolean terminal) {

    public static final Set<String> CLOSING_STEPS = Set.of("DealWon", "DealLost", "LeadDisqualified");

    public FlowStage {
        Objects.requireNonNull(stageId, "stageId");
        enteredOn = enteredOn == null ? Set.of() : Set.copyOf(enteredOn);
        terminal = terminal || (!enteredOn.isEmpty() && CLOSING_STEPS.containsAll(enteredOn));
    }
}

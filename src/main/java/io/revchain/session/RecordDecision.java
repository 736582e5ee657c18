package io.revchain.session;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a decision; without {@code decisionId} the session numbers it (D1, D2, ...). */
public record RecordDecision(String sessionId, String decisionId, String text, List<Long> mapVersions) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

package io.revchain.session;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a joint mapping session on a map; opening the same session again with the same content changes nothing. */
public record OpenMappingSession(String sessionId, String mapId, String title, String facilitator, List<ParticipantRequest> participants) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return SessionIds.aggregateId(sessionId);
    }
}

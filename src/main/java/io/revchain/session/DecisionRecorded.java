package io.revchain.session;

import java.util.List;

/** The session decided something; {@code mapVersions} are the versions of the session's map it caused, if any. */
public record DecisionRecorded(String sessionId, String decisionId, String text, String mapId,
                               List<Long> mapVersions) implements SessionEvent {

    public DecisionRecorded {
        mapVersions = List.copyOf(mapVersions);
    }
}

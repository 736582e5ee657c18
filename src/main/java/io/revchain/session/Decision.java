package io.revchain.session;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.List;

/**
 * A decision of a session, with the map versions it caused, when it was recorded and by whom (null before
 * attribution existed).
 */
public record Decision(String decisionId, String text, List<Long> mapVersions, Instant recordedAt, Actor recordedBy) {

    public Decision {
        mapVersions = List.copyOf(mapVersions);
    }
}

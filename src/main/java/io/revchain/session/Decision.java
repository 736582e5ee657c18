package io.revchain.session;

import java.time.Instant;
import java.util.List;

/** A decision of a session, with the map versions it caused and when it was recorded. */
public record Decision(String decisionId, String text, List<Long> mapVersions, Instant recordedAt) {

    public Decision {
        mapVersions = List.copyOf(mapVersions);
    }
}

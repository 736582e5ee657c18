package io.revchain.map;

import java.time.Instant;
import java.util.List;

/** One entry of a map's version history: when it was recorded, the event, and what changed in words. */
public record MapVersionView(long version, Instant recordedAt, String event, List<String> changes) {

    public MapVersionView {
        changes = List.copyOf(changes);
    }
}

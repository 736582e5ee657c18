package io.revchain.map;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a map's version history: when it was recorded and by whom (null before attribution existed), the
 * event, and what changed in words.
 */
public record MapVersionView(long version, Instant recordedAt, Actor recordedBy, String event, List<String> changes) {

    public MapVersionView {
        changes = List.copyOf(changes);
    }
}

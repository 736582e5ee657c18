package io.revchain.session;

import java.util.OptionalLong;

/** What a session needs to know about maps: whether one exists, and its latest version. */
@FunctionalInterface
public interface KnownMaps {

    /** Empty when there is no such map. */
    OptionalLong latestVersion(String mapId);
}

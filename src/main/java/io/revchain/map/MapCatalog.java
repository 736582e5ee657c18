package io.revchain.map;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read access to supply chain maps and their history, for endpoints and other features (analytics reads a past
 * quarter under the definition then in force, or under today's). Versions count from 1; every map event makes one.
 * Blocking: call it off the Netty event loop.
 */
public interface MapCatalog {

    /** The map as it is now; empty for an unknown map. */
    Optional<MapView> current(String mapId);

    /** The map as of {@code version}; empty when the map or the version does not exist. */
    Optional<MapView> version(String mapId, long version);

    /** The version in force at record time {@code at}: the last one recorded at or before it. */
    Optional<MapView> inForceAt(String mapId, Instant at);

    /** Every version, oldest first; empty for an unknown map. */
    List<MapView> versions(String mapId);

    /** What each version changed, in words, oldest first; empty for an unknown map. */
    List<MapVersionView> history(String mapId);

    /** The current version number, without folding the map; empty for an unknown map. */
    OptionalLong latestVersion(String mapId);

    /** All maps with their current name and version, by id. */
    List<MapSummaryView> maps();
}

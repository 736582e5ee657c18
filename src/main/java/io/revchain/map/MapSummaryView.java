package io.revchain.map;

/** A map in the list of maps: its id, current name and current version. */
public record MapSummaryView(String mapId, String name, long version) {
}

package io.revchain.target;

/** One target plan per map, in the shared event store namespace as {@code targets:<mapId>}. */
final class TargetIds {

    static final String PREFIX = "targets:";

    private TargetIds() {
    }

    static String aggregateId(String mapId) {
        return PREFIX + mapId;
    }
}

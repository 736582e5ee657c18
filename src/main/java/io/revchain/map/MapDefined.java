package io.revchain.map;

import java.util.List;

/** The first version of a map. */
public record MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs) implements MapEvent {

    public MapDefined {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
    }

    static MapDefined of(String mapId, MapDefinition definition) {
        return new MapDefined(mapId, definition.name(), definition.stages(), definition.handoffs());
    }

    public MapDefinition definition() {
        return new MapDefinition(name, stages, handoffs);
    }
}

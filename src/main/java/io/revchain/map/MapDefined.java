package io.revchain.map;

import java.util.List;

/** The first version of a map. {@code currency} is null when the map declares none (and in events before it). */
public record MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs, String currency)
        implements MapEvent {

    public MapDefined {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
    }

    public MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs) {
        this(mapId, name, stages, handoffs, null);
    }

    static MapDefined of(String mapId, MapDefinition definition) {
        return new MapDefined(mapId, definition.name(), definition.stages(), definition.handoffs(),
                              definition.currency());
    }

    public MapDefinition definition() {
        return new MapDefinition(name, stages, handoffs, currency);
    }
}

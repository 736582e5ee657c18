package io.revchain.map;

import java.util.List;

/**
 * A later version of a map: the full new definition, and what changed against the previous one. {@code calendars}
 * is null in events recorded before calendars existed (none).
 */
public record MapRevised(String mapId, String name, List<Stage> stages, List<Handoff> handoffs,
                         List<MapChange> changes, String currency, List<BusinessCalendar> calendars)
        implements MapEvent {

    public MapRevised {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
        changes = List.copyOf(changes);
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
    }

    public MapRevised(String mapId, String name, List<Stage> stages, List<Handoff> handoffs,
                      List<MapChange> changes, String currency) {
        this(mapId, name, stages, handoffs, changes, currency, null);
    }

    public MapRevised(String mapId, String name, List<Stage> stages, List<Handoff> handoffs,
                      List<MapChange> changes) {
        this(mapId, name, stages, handoffs, changes, null, null);
    }

    static MapRevised of(String mapId, MapDefinition definition, List<MapChange> changes) {
        return new MapRevised(mapId, definition.name(), definition.stages(), definition.handoffs(), changes,
                              definition.currency(), definition.calendars());
    }

    public MapDefinition definition() {
        return new MapDefinition(name, stages, handoffs, currency, calendars);
    }
}

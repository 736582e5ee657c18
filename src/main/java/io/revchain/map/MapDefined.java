package io.revchain.map;

import java.util.List;

/**
 * The first version of a map. {@code currency} is null when the map declares none (and in events before it);
 * {@code calendars} is empty when it defines no working calendar (null in events before calendars existed).
 */
public record MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs, String currency,
                         List<BusinessCalendar> calendars) implements MapEvent {

    public MapDefined {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
    }

    public MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs, String currency) {
        this(mapId, name, stages, handoffs, currency, null);
    }

    public MapDefined(String mapId, String name, List<Stage> stages, List<Handoff> handoffs) {
        this(mapId, name, stages, handoffs, null, null);
    }

    static MapDefined of(String mapId, MapDefinition definition) {
        return new MapDefined(mapId, definition.name(), definition.stages(), definition.handoffs(),
                              definition.currency(), definition.calendars());
    }

    public MapDefinition definition() {
        return new MapDefinition(name, stages, handoffs, currency, calendars);
    }
}

package io.revchain.map;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A map as of one version, as readers see it: {@code recordedAt} is when that version was recorded, so a version
 * is "in force" from its {@code recordedAt} until the next version's; {@code recordedBy} is who made the change
 * (null for versions recorded before attribution existed). {@code currency}: the ISO 4217 code of every amount on
 * the map, or null.
 */
public record MapView(String mapId,
                      long version,
                      Instant recordedAt,
                      Actor recordedBy,
                      String name,
                      String currency,
                      List<Stage> stages,
                      List<Handoff> handoffs,
                      List<BusinessCalendar> calendars,
                      List<TermDefinition> definitions) {

    public MapView {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
        definitions = List.copyOf(definitions);
    }

    public MapView(String mapId, long version, Instant recordedAt, Actor recordedBy, String name, String currency,
                   List<Stage> stages, List<Handoff> handoffs, List<TermDefinition> definitions) {
        this(mapId, version, recordedAt, recordedBy, name, currency, stages, handoffs, null, definitions);
    }

    public MapDefinition definition() {
        return new MapDefinition(name, stages, handoffs, currency, calendars);
    }

    public Optional<Stage> stage(String stageId) {
        return definition().stage(stageId);
    }

    /** The stage a step of this type enters under this version, if any. */
    public Optional<Stage> stageEnteredBy(String stepType) {
        return definition().stageEnteredBy(stepType);
    }

    public Optional<TermDefinition> term(String term) {
        return definitions.stream().filter(d -> d.isTerm(term)).findFirst();
    }
}

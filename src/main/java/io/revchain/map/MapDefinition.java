package io.revchain.map;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated, normalized content of a map document: what a PUT defines and what MapDefined/MapRevised carry.
 * {@code currency} is the ISO 4217 code of every amount on the map, or null when the map declares none;
 * {@code calendars} the working calendars its reads may measure durations in.
 */
public record MapDefinition(String name, List<Stage> stages, List<Handoff> handoffs, String currency,
                            List<BusinessCalendar> calendars) {

    public MapDefinition {
        stages = List.copyOf(stages);
        handoffs = List.copyOf(handoffs);
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
    }

    public MapDefinition(String name, List<Stage> stages, List<Handoff> handoffs, String currency) {
        this(name, stages, handoffs, currency, null);
    }

    public MapDefinition(String name, List<Stage> stages, List<Handoff> handoffs) {
        this(name, stages, handoffs, null, null);
    }

    public Optional<BusinessCalendar> calendar(String calendarId) {
        return calendars.stream().filter(c -> c.calendarId().equals(calendarId)).findFirst();
    }

    /**
     * Checks a map document with the rules of {@code PUT /api/maps/{mapId}} without recording anything, for what-if
     * previews of a draft; throws {@link MapRuleViolation} naming every broken rule.
     */
    public static MapDefinition check(String mapId, DefineMapRequest document) {
        return MapRules.definition(new DefineMap(mapId, document.name(), document.stages(), document.handoffs(),
                                                 document.currency()));
    }

    public Optional<Stage> stage(String stageId) {
        return stages.stream().filter(s -> s.stageId().equals(stageId)).findFirst();
    }

    /** The stage a step of this type enters; a type marks entry into at most one stage. */
    public Optional<Stage> stageEnteredBy(String stepType) {
        return stages.stream().filter(s -> s.enteredBy(stepType)).findFirst();
    }

    public Optional<Handoff> handoff(String fromStage, String toStage) {
        return handoffs.stream()
                       .filter(h -> h.fromStage().equals(fromStage) && h.toStage().equals(toStage))
                       .findFirst();
    }

    /** Every step type listed in some stage's {@code enteredOn}, built-in or custom, in map order. */
    public Set<String> stepTypes() {
        Set<String> types = new LinkedHashSet<>();
        stages.forEach(s -> types.addAll(s.enteredOn()));
        return types;
    }
}

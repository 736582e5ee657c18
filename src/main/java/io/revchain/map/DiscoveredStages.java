package io.revchain.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns discovered stages into the map document they lead to, against the map's current definition. Pure. */
final class DiscoveredStages {

    private DiscoveredStages() {
    }

    /**
     * A new map gets one stage per discovered stage, in order. An existing map keeps its stages; each discovered
     * stage whose step type no stage enters yet is inserted after the stages that hold the step types discovered
     * before it (at the front when there are none), so the map's own order and edits stay.
     */
    static DefineMap merge(MapDefinition current, AddDiscoveredStages command) {
        List<StageRequest> stages = new ArrayList<>();
        List<HandoffRequest> handoffs = new ArrayList<>();
        Set<String> usedIds = new HashSet<>();
        String name = command.name();
        String currency = null;
        List<CalendarRequest> calendars = null;
        if (current != null) {
            name = current.name();
            currency = current.currency();
            calendars = current.calendars().stream()
                               .map(c -> new CalendarRequest(c.calendarId(), c.zone(), c.workingDays(), c.hours(),
                                                             c.holidays()))
                               .toList();
            for (Stage stage : current.stages()) {
                stages.add(new StageRequest(stage.stageId(), stage.name(), stage.owner().name(), stage.enteredOn(),
                                            stage.slaHours(), stage.terminal()));
                usedIds.add(stage.stageId());
            }
            for (Handoff handoff : current.handoffs()) {
                handoffs.add(new HandoffRequest(handoff.fromStage(), handoff.toStage(), handoff.owner().name(),
                                                handoff.criteria()));
            }
        }
        int cursor = 0;
        for (DiscoveredStage discovered : command.stages()) {
            int existing = indexEnteredBy(stages, discovered.stepType());
            if (existing >= 0) {
                cursor = Math.max(cursor, existing + 1);
                continue;
            }
            String stageId = unique(discovered.stageId(), usedIds);
            stages.add(cursor++, new StageRequest(stageId, discovered.name(),
                                                  discovered.owner() == null ? null : discovered.owner().name(),
                                                  List.of(discovered.stepType()), null, discovered.terminal()));
        }
        return new DefineMap(command.mapId(), name, stages, handoffs, currency, calendars);
    }

    private static int indexEnteredBy(List<StageRequest> stages, String stepType) {
        for (int i = 0; i < stages.size(); i++) {
            List<String> enteredOn = stages.get(i).enteredOn();
            if (enteredOn != null && enteredOn.contains(stepType)) {
                return i;
            }
        }
        return -1;
    }

    /** The wished id, or with the first free suffix -2, -3, ...; a blank wish becomes "stage". */
    static String unique(String wished, Set<String> used) {
        String base = wished == null || wished.isBlank() ? "stage" : wished.strip();
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}

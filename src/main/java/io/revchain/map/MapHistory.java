package io.revchain.map;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.List;

/** Describes in words what each map event changed. Pure. */
final class MapHistory {

    private MapHistory() {
    }

    static MapVersionView entry(MapVersion before, MapEvent event, long version, Instant recordedAt,
                                Actor recordedBy) {
        return new MapVersionView(version, recordedAt, recordedBy, event.getClass().getSimpleName(),
                                  describe(before, event));
    }

    static List<String> describe(MapVersion before, MapEvent event) {
        if (event instanceof MapDefined defined) {
            List<String> stageIds = defined.stages().stream().map(Stage::stageId).toList();
            return List.of("map '" + defined.name() + "' defined with " + defined.stages().size() + " stages ("
                                   + String.join(", ", stageIds) + ") and " + defined.handoffs().size()
                                   + " handoffs" + (defined.currency() == null ? "" : ", amounts in "
                                   + defined.currency())
                                   + (defined.calendars().isEmpty() ? "" : ", calendars " + String.join(", ",
                                           defined.calendars().stream().map(BusinessCalendar::calendarId)
                                                  .toList())));
        }
        if (event instanceof MapRevised revised) {
            return revised.changes().stream().map(MapChange::summary).toList();
        }
        if (event instanceof DefinitionProposed proposed) {
            String who = proposed.proposedBy() + " (" + proposed.by() + ")";
            return List.of(before.term(proposed.term())
                                 .map(old -> "definition '" + old.term() + "' reworded by " + who + ": \""
                                         + old.text() + "\" → \"" + proposed.text() + "\"; agreement needed again")
                                 .orElse("definition '" + proposed.term() + "' proposed by " + who + ": \""
                                                 + proposed.text() + "\""));
        }
        DefinitionAgreed agreed = (DefinitionAgreed) event;
        return List.of("definition '" + agreed.term() + "' agreed by " + agreed.agreedBy() + " (" + agreed.by()
                               + "): \"" + agreed.text() + "\"");
    }
}

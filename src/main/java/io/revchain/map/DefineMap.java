package io.revchain.map;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Define a map or revise it with a whole new document; an identical document changes nothing. */
public record DefineMap(String mapId, String name, List<StageRequest> stages, List<HandoffRequest> handoffs,
                        String currency, List<CalendarRequest> calendars) {

    public DefineMap(String mapId, String name, List<StageRequest> stages, List<HandoffRequest> handoffs,
                     String currency) {
        this(mapId, name, stages, handoffs, currency, null);
    }

    public DefineMap(String mapId, String name, List<StageRequest> stages, List<HandoffRequest> handoffs) {
        this(mapId, name, stages, handoffs, null, null);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return MapIds.aggregateId(mapId);
    }
}

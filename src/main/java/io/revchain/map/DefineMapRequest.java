package io.revchain.map;

import java.util.List;

/**
 * Body of {@code PUT /api/maps/{mapId}}: the whole map document. {@code currency}, optional, is the ISO 4217 code
 * every amount on the map is in; {@code calendars}, optional, the working calendars reads may measure time in.
 */
public record DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs,
                               String currency, List<CalendarRequest> calendars) {

    public DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs,
                            String currency) {
        this(name, stages, handoffs, currency, null);
    }

    public DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs) {
        this(name, stages, handoffs, null, null);
    }
}

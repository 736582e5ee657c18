package io.revchain.map;

import java.util.List;

/**
 * Body of {@code PUT /api/maps/{mapId}}: the whole map document. {@code currency}, optional, is the ISO 4217 code
 * every amount on the map is in.
 */
public record DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs,
                               String currency) {

    public DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs) {
        this(name, stages, handoffs, null);
    }
}

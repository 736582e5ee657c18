package io.revchain.map;

import java.util.List;

/** Body of {@code PUT /api/maps/{mapId}}: the whole map document. */
public record DefineMapRequest(String name, List<StageRequest> stages, List<HandoffRequest> handoffs) {
}

package io.revchain.analytics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A supply chain map as analytics sees it: stages in map order, the handoffs agreed between them, and the ISO 4217
 * currency its amounts are in (null when the map declares none).
 */
public record FlowMap(String mapId, long version, List<FlowStage> stages, List<FlowHandoff> handoffs,
                      String currency) {

    public FlowMap(String mapId, long version, List<FlowStage> stages, List<FlowHandoff> handoffs) {
        this(mapId, version, stages, handoffs, null);
    }

    public FlowMap {
        Objects.requireNonNull(mapId, "mapId");
        stages = List.copyOf(stages);
        handoffs = handoffs == null ? List.of() : List.copyOf(handoffs);
        if (stages.stream().map(FlowStage::stageId).distinct().count() != stages.size()) {
            throw new IllegalArgumentException("stage ids of map " + mapId + " are not unique");
        }
    }

    /**
     * Whether every journey's flow through this map is its flow through {@code other}: the same stages in the same
     * order, entered on the same step types, terminal alike. Names, owners, SLAs and handoffs only change figures.
     */
    public boolean sameFlowsAs(FlowMap other) {
        if (other.stages.size() != stages.size()) {
            return false;
        }
        for (int i = 0; i < stages.size(); i++) {
            FlowStage a = stages.get(i);
            FlowStage b = other.stages.get(i);
            if (!a.stageId().equals(b.stageId()) || !a.enteredOn().equals(b.enteredOn())
                    || a.terminal() != b.terminal()) {
                return false;
            }
        }
        return true;
    }

    public Optional<FlowStage> stage(String stageId) {
        return stages.stream().filter(s -> s.stageId().equals(stageId)).findFirst();
    }

    public Optional<FlowHandoff> handoff(String fromStage, String toStage) {
        return handoffs.stream()
                .filter(h -> h.fromStage().equals(fromStage) && h.toStage().equals(toStage))
                .findFirst();
    }
}

package io.revchain.analytics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lookups over one map: stage position by id, and which stage a step type enters (first in map order wins). */
final class StageIndex {

    final FlowMap map;
    final List<FlowStage> stages;
    private final Map<String, Integer> byStageId = new HashMap<>();
    private final Map<String, Integer> byStepType = new HashMap<>();

    StageIndex(FlowMap map) {
        this.map = map;
        this.stages = map.stages();
        for (int i = 0; i < stages.size(); i++) {
            FlowStage stage = stages.get(i);
            byStageId.put(stage.stageId(), i);
            for (String type : stage.enteredOn()) {
                byStepType.putIfAbsent(type, i);
            }
        }
    }

    int size() {
        return stages.size();
    }

    FlowStage stage(int i) {
        return stages.get(i);
    }

    /** Position of the stage in map order; the visit or transition always comes from this map. */
    int of(String stageId) {
        Integer i = byStageId.get(stageId);
        if (i == null) {
            throw new IllegalArgumentException("stage " + stageId + " is not in map " + map.mapId());
        }
        return i;
    }

    /** The stage the step type enters, or -1. */
    int enteredBy(String stepType) {
        Integer i = byStepType.get(stepType);
        return i == null ? -1 : i;
    }
}

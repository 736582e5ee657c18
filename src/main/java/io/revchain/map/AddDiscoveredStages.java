package io.revchain.map;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add the stages discovered in an event log, in discovered order: defines the map named {@code name} when it does
 * not exist yet; otherwise adds a stage for each step type no stage of the map enters yet and keeps the map's own
 * stages, handoffs and name as they are. Nothing new changes nothing (no new version).
 */
public record AddDiscoveredStages(String mapId, String name, List<DiscoveredStage> stages) {

    public AddDiscoveredStages {
        stages = List.copyOf(stages);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return MapIds.aggregateId(mapId);
    }
}

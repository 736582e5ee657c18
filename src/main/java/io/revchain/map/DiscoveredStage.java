package io.revchain.map;

import io.revchain.chain.BusinessFunction;

/**
 * One activity of a log as a stage: {@code stageId} is the wished id (made unique within the map by a suffix),
 * {@code name} the activity's label as the log spells it, {@code stepType} the identifier its steps are recorded as.
 */
public record DiscoveredStage(String stageId, String name, String stepType, BusinessFunction owner,
                              boolean terminal) {
}

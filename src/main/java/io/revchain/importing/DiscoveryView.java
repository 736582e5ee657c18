package io.revchain.importing;

import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.chain.BusinessFunction;
import io.revchain.map.MapView;
import io.revchain.map.Stage;
import io.revchain.system.web.Rounded;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import's discovery found and did: the map and the version it left it at, and per step type, in
 * discovered order, the labels it came from, the stage its steps enter on the map, and the figures that placed it.
 */
public record DiscoveryView(String mapId, long mapVersion, List<ActivityView> activities) {

    /**
     * {@code labels}: the activity as the log spells it; {@code stageId}, {@code stageName}, {@code owner},
     * {@code terminal}: the stage it enters, as the map now has it (a stage the map already had keeps its own);
     * {@code events}, {@code journeys}, {@code meanPosition}, {@code endShare}: defined in docs/import.md.
     */
    public record ActivityView(List<String> labels, String stepType, String stageId, String stageName,
                               BusinessFunction owner, boolean terminal, long events, long journeys,
                               @Rounded(RATIO) double meanPosition, @Rounded(RATIO) double endShare) {
    }

    static DiscoveryView of(MapView map, List<Discovery.Activity> activities) {
        List<ActivityView> views = new ArrayList<>(activities.size());
        for (Discovery.Activity activity : activities) {
            Stage stage = map.stageEnteredBy(activity.stepType()).orElseThrow(() -> new IllegalStateException(
                    "map " + map.mapId() + " v" + map.version() + " has no stage entered by " + activity.stepType()));
            views.add(new ActivityView(activity.labels(), activity.stepType(), stage.stageId(), stage.name(),
                                       stage.owner(), stage.terminal(), activity.events(), activity.journeys(),
                                       activity.meanPosition(), activity.endShare()));
        }
        return new DiscoveryView(map.mapId(), map.version(), List.copyOf(views));
    }
}

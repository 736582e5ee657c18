package io.revchain.analytics.flow;

import io.revchain.analytics.FlowHandoff;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.map.Handoff;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapDefinition;
import io.revchain.map.MapView;
import io.revchain.map.Stage;
import io.revchain.system.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The map a read is measured against, as analytics sees it: today's version, or the one in force at a given time.
 * One instance per map version, so that journey timelines computed for it can be reused by identity.
 */
@Component
public class FlowMaps {

    private final MapCatalog catalog;
    private final Map<String, FlowMap> byVersion = new ConcurrentHashMap<>();

    FlowMaps(MapCatalog catalog) {
        this.catalog = catalog;
    }

    FlowMap current(String mapId) {
        return canonical(catalog.current(mapId).orElseThrow(() -> unknown(mapId)));
    }

    /** The version recorded last at or before {@code at}; today's when the map did not exist yet then. */
    FlowMap inForceAt(String mapId, Instant at) {
        Optional<MapView> view = catalog.inForceAt(mapId, at);
        return view.isPresent() ? canonical(view.get()) : current(mapId);
    }

    private FlowMap canonical(MapView view) {
        return byVersion.computeIfAbsent(view.mapId() + "/" + view.version(), key -> toFlowMap(view));
    }

    /** A draft that is stored nowhere: version 0, so no figure of it can be mistaken for a recorded version's. */
    static FlowMap draft(String mapId, MapDefinition definition) {
        return toFlowMap(mapId, 0, definition.stages(), definition.handoffs(), definition.currency());
    }

    public static FlowMap toFlowMap(MapView view) {
        return toFlowMap(view.mapId(), view.version(), view.stages(), view.handoffs(), view.currency());
    }

    private static FlowMap toFlowMap(String mapId, long version, List<Stage> stages, List<Handoff> handoffs,
                                     String currency) {
        return new FlowMap(mapId, version,
                           stages.stream().map(s -> new FlowStage(
                                   s.stageId(), s.name(), s.owner().name(), new LinkedHashSet<>(s.enteredOn()),
                                   s.slaHours() == null ? null : Duration.ofHours(s.slaHours()), s.terminal()))
                               .toList(),
                           handoffs.stream().map(h -> new FlowHandoff(
                                   h.fromStage(), h.toStage(), h.owner().name(), h.criteria())).toList(),
                           currency);
    }

    private static NotFoundException unknown(String mapId) {
        return new NotFoundException("No supply chain map '" + mapId + "'; define it with PUT /api/maps/" + mapId);
    }
}

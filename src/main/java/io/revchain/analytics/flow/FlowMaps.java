package io.revchain.analytics.flow;

import io.revchain.analytics.FlowHandoff;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapView;
import io.revchain.system.web.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
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

    public static FlowMap toFlowMap(MapView view) {
        return new FlowMap(view.mapId(), view.version(),
                           view.stages().stream().map(s -> new FlowStage(
                                   s.stageId(), s.name(), s.owner().name(), new LinkedHashSet<>(s.enteredOn()),
                                   s.slaHours() == null ? null : Duration.ofHours(s.slaHours()), s.terminal()))
                               .toList(),
                           view.handoffs().stream().map(h -> new FlowHandoff(
                                   h.fromStage(), h.toStage(), h.owner().name(), h.criteria())).toList(),
                           view.currency());
    }

    private static NotFoundException unknown(String mapId) {
        return new NotFoundException("No supply chain map '" + mapId + "'; define it with PUT /api/maps/" + mapId);
    }
}

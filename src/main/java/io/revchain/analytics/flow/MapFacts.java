package io.revchain.analytics.flow;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.Cut;
import io.revchain.analytics.Dimension;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFlow;
import io.revchain.analytics.SegmentFacts;
import io.revchain.analytics.Window;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every map read starts from: the map version the read asks for, every journey's flow through it under the
 * read's cut, and the campaigns' steps. Refuses a grouping or filter on an attribute no recorded step carries.
 * Blocking: call it off the event loop.
 * <p>
 * A read of flow figures in a window takes only the journeys active in it ({@link FactStore#take}); money figures and
 * the feedback loop look at every journey. Complete flows are cached per map version, within
 * {@code revchain.journey-facts.flow-cache}.
 */
@Component
public class MapFacts {

    private static final int LOAD_WAIT_SECONDS = 30;
    private static final Duration LOAD_WAIT = Duration.ofSeconds(LOAD_WAIT_SECONDS);
    private static final int LISTED_ATTRIBUTES = 30;
    /** Map versions whose views are kept; each holds a few bytes per journey besides its cached flows. */
    private static final int VIEWS = 8;

    private final JourneyFactIndex index;
    private final FlowMaps maps;
    private final MapView.Budget budget;
    private final Map<FlowMap, MapView> views = new LinkedHashMap<>(16, 0.75f, true);
    private FactStore viewsOf;

    MapFacts(JourneyFactIndex index, FlowMaps maps, JourneyFactsProperties properties) {
        this.index = index;
        this.maps = maps;
        this.budget = new MapView.Budget(properties.flowCacheBytes());
    }

    public FlowSnapshot snapshot(String mapId, FlowParameters p) {
        return snapshot(map(mapId, p), p);
    }

    /** The flows of every journey through an already chosen map version. */
    public FlowSnapshot snapshot(FlowMap map, FlowParameters p) {
        awaitLoaded();
        checkDimensions(p);
        return build(map, p.cut(), null);
    }

    /**
     * The flows through the map of the journeys a read of flow figures in these windows needs: every stage, transition,
     * conversion and frame figure of those windows is the same as over all journeys (docs/metrics.md, section 3).
     */
    FlowSnapshot windowSnapshot(FlowMap map, FlowParameters p, List<Window> windows) {
        awaitLoaded();
        checkDimensions(p);
        return build(map, p.cut(), windows);
    }

    /**
     * A draft's flows of the journeys active in the read's window, as {@link #windowSnapshot} takes them. A draft
     * that changes only what the figures read (SLAs, owners, names, handoffs: the common what-if in a session) reuses
     * today's cached flows; one that changes the flows builds them through a view of its own, dropped after the read,
     * so a preview costs what the window holds, not all history, and leaves the saved versions' cache alone.
     */
    FlowSnapshot draftSnapshot(FlowMap draft, FlowParameters p) {
        awaitLoaded();
        checkDimensions(p);
        FactStore store = index.store();
        MapView today = maps.currentIfDefined(draft.mapId()).filter(draft::sameFlowsAs)
                            .map(current -> view(store, current)).orElse(null);
        return draftSnapshot(store, today, draft, p.cut(), List.of(p.window() == null ? Window.ALL : p.window()));
    }

    /** As above, with {@code today} the view of today's version when the draft gives the same flows, else null. */
    static FlowSnapshot draftSnapshot(FactStore store, MapView today, FlowMap draft, Cut cut, List<Window> windows) {
        FlowSnapshot flows = build(store, today != null ? today : MapView.uncached(draft), cut, windows);
        return new FlowSnapshot(draft, flows.cut(), flows.journeys());
    }

    private FlowSnapshot build(FlowMap map, Cut cut, List<Window> windows) {
        FactStore store = index.store();
        return build(store, view(store, map), cut, windows);
    }

    /** The flows through the view's map of the journeys that windows need (null: all), under the cut. */
    static FlowSnapshot build(FactStore store, MapView view, Cut cut, List<Window> windows) {
        FactStore.Taken taken = store.take(windows, cut, windows == null ? null : view);
        String[] strings = taken.strings();
        List<JourneyFlow> flows = new ArrayList<>(taken.size());
        int[] full = taken.full();
        byte[][] fullBlobs = taken.fullBlobs();
        for (int i = 0; i < full.length; i++) {
            flows.add(view.complete(full[i], fullBlobs[i], strings, cut, windows != null));
        }
        for (byte[] blob : taken.partialBlobs()) {
            flows.add(view.timeline(FactStore.facts(blob, strings)).under(cut));
        }
        return new FlowSnapshot(view.map, cut, flows);
    }

    private synchronized MapView view(FactStore store, FlowMap map) {
        if (viewsOf != store) {
            views.values().forEach(MapView::clear);
            views.clear();
            viewsOf = store;
        }
        MapView view = views.computeIfAbsent(map, m -> new MapView(m, budget));
        if (views.size() > VIEWS) {
            var eldest = views.entrySet().iterator();
            MapView dropped = eldest.next().getValue();
            eldest.remove();
            dropped.clear();
        }
        return view;
    }

    /** Today's map, or the version in force at the read's definition time ({@code definitions=inForce}). */
    public FlowMap map(String mapId, FlowParameters p) {
        return p.definitions() == FlowParameters.Definitions.IN_FORCE
                ? maps.inForceAt(mapId, p.definitionsTime()) : maps.current(mapId);
    }

    /** Every campaign's steps as recorded; a read applies its cut to them. */
    public List<CampaignFacts> campaigns() {
        awaitLoaded();
        return index.campaigns();
    }

    /** What the flow cache holds now, for health. */
    Map<String, Object> cacheDetails() {
        long flows = 0;
        synchronized (this) {
            for (MapView view : views.values()) {
                flows += view.cachedFlows();
            }
        }
        return Map.of("flows", flows, "bytes", budget.used(), "maxBytes", budget.max());
    }

    /** Every journey's steps as recorded; a read applies its cut to them. */
    public List<JourneyFacts> journeys() {
        awaitLoaded();
        return index.journeys();
    }

    /** Every segment's steps as recorded; a read applies its cut to them. */
    public List<SegmentFacts> segments() {
        awaitLoaded();
        return index.segments();
    }

    /** Waits while the facts load after a restart; 503 after {@value #LOAD_WAIT_SECONDS} s. */
    public void awaitLoaded() {
        if (!index.awaitLoaded(LOAD_WAIT)) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Journey facts are still loading after a restart; retry in a few seconds");
        }
    }

    /** Built-in dimensions are always accepted; any other must be an attribute some recorded journey step carries. */
    public void checkDimensions(FlowParameters p) {
        List<FieldError> errors = new ArrayList<>();
        if (p.groupBy() != null) {
            check(p.groupBy().dimension(), "groupBy", errors);
        }
        for (Map.Entry<Dimension, String> criterion : p.filter().criteria().entrySet()) {
            check(criterion.getKey(), FlowParameters.FILTER_PREFIX + criterion.getKey().name(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private void check(Dimension dimension, String field, List<FieldError> errors) {
        if (dimension.builtIn() || index.carries(dimension.attribute())) {
            return;
        }
        Set<String> carried = index.attributes();
        String suggestion = carried.stream()
                .filter(a -> a.toLowerCase(Locale.ROOT).equals(dimension.attribute().toLowerCase(Locale.ROOT)))
                .findFirst().map(a -> " (did you mean '" + a + "'?)").orElse("");
        List<String> listed = carried.stream().limit(LISTED_ATTRIBUTES).toList();
        errors.add(FieldError.of(field, "no step carries the attribute '" + dimension.attribute() + "'" + suggestion
                + "; attributes steps carry: " + String.join(", ", listed)
                + (carried.size() > listed.size() ? ", ..." : "")));
    }
}

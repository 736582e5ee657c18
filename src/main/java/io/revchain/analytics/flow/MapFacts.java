package io.revchain.analytics.flow;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.Dimension;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.SegmentFacts;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
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
 */
@Component
public class MapFacts {

    private static final int LOAD_WAIT_SECONDS = 30;
    private static final Duration LOAD_WAIT = Duration.ofSeconds(LOAD_WAIT_SECONDS);
    private static final int LISTED_ATTRIBUTES = 30;

    private final JourneyFactIndex index;
    private final FlowMaps maps;

    MapFacts(JourneyFactIndex index, FlowMaps maps) {
        this.index = index;
        this.maps = maps;
    }

    public FlowSnapshot snapshot(String mapId, FlowParameters p) {
        return snapshot(map(mapId, p), p);
    }

    /** The journeys' flows through an already chosen map version. */
    public FlowSnapshot snapshot(FlowMap map, FlowParameters p) {
        awaitLoaded();
        checkDimensions(p);
        return FlowSnapshot.of(map, index.timelines(map), p.cut());
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

package io.revchain.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Every journey's flow through one map under one cut: the input of all metric functions. */
public record FlowSnapshot(FlowMap map, Cut cut, List<JourneyFlow> journeys) {

    public FlowSnapshot {
        journeys = List.copyOf(journeys);
    }

    public static FlowSnapshot of(FlowMap map, Collection<JourneyTimeline> timelines, Cut cut) {
        List<JourneyFlow> flows = new ArrayList<>(timelines.size());
        for (JourneyTimeline timeline : timelines) {
            if (timeline.map() != map && !timeline.map().equals(map)) {
                throw new IllegalArgumentException("timeline of journey " + timeline.journeyId()
                        + " was prepared against another map than " + map.mapId() + " v" + map.version());
            }
            flows.add(timeline.under(cut));
        }
        return new FlowSnapshot(map, cut, flows);
    }

    /**
     * The map's journeys: those with at least one visible entry into one of its stages. The money figures and the
     * scorecard read only these (docs/metrics.md, section 14): a journey the map's stages never see belongs to the
     * maps whose stages it passes, not to this one.
     */
    public FlowSnapshot onTheMap() {
        List<JourneyFlow> onMap = new ArrayList<>(journeys.size());
        for (JourneyFlow journey : journeys) {
            if (!journey.entries().isEmpty()) {
                onMap.add(journey);
            }
        }
        return onMap.size() == journeys.size() ? this : new FlowSnapshot(map, cut, onMap);
    }

    public static FlowSnapshot fromFacts(FlowMap map, Collection<JourneyFacts> facts, Cut cut) {
        return of(map, JourneyTimeline.ofAll(facts, map), cut);
    }
}

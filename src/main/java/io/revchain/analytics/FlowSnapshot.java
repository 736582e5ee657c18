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

    public static FlowSnapshot fromFacts(FlowMap map, Collection<JourneyFacts> facts, Cut cut) {
        return of(map, JourneyTimeline.ofAll(facts, map), cut);
    }
}

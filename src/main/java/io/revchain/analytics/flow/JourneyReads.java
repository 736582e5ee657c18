package io.revchain.analytics.flow;

import io.revchain.analytics.FigureJourneys;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.JourneyDetailView;
import io.revchain.analytics.JourneysBehindView;
import io.revchain.map.MapDefinition;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reads behind the web page's drill-down and what-if: the journeys behind a figure, one journey's steps, and a
 * draft map's figures. All of them use the analytics functions of the live figures.
 */
@Component
class JourneyReads {

    private static final Duration LOAD_WAIT = Duration.ofSeconds(30);

    private final MapFacts facts;
    private final JourneyFactIndex index;

    JourneyReads(MapFacts facts, JourneyFactIndex index) {
        this.facts = facts;
        this.index = index;
    }

    JourneysBehindView behindStage(String mapId, String stageId, FigureJourneys.StageFigure figure,
                                   FlowParameters p, int limit) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        requireStage(snapshot.map(), stageId);
        try {
            return FigureJourneys.stage(snapshot, FlowReads.query(p), stageId, figure, limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(figure == FigureJourneys.StageFigure.SLA_BREACHES
                                                      ? "figure" : "groupBy", e.getMessage());
        }
    }

    JourneysBehindView behindTransition(String mapId, String fromStage, String toStage, FlowParameters p,
                                        int limit) {
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        requireStage(snapshot.map(), fromStage);
        requireStage(snapshot.map(), toStage);
        try {
            return FigureJourneys.transition(snapshot, FlowReads.query(p), fromStage, toStage, limit);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("groupBy", e.getMessage());
        }
    }

    JourneyDetailView journey(String mapId, String journeyId, FlowParameters p) {
        FlowMap map = facts.map(mapId, p);
        awaitLoaded();
        return index.timeline(journeyId, map)
                    .map(timeline -> JourneyDetailView.of(timeline, p.cut()))
                    .orElseThrow(() -> new NotFoundException("journey-known: no step of journey '" + journeyId
                                                                     + "' has been recorded"));
    }

    /** The flow document a draft would give; the draft's flows are built aside, not cached. */
    FlowReads.Flow preview(String mapId, MapDefinition draft, FlowParameters p) {
        return FlowReads.flow(facts.draftSnapshot(FlowMaps.draft(mapId, draft), p), FlowReads.query(p), null);
    }

    private void awaitLoaded() {
        if (!index.awaitLoaded(LOAD_WAIT)) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Journey facts are still loading after a restart; retry in a few seconds");
        }
    }

    private static void requireStage(FlowMap map, String stageId) {
        if (map.stage(stageId).isEmpty()) {
            throw new NotFoundException("stage-known: map " + map.mapId() + " v" + map.version()
                                                + " has no stage '" + stageId + "'");
        }
    }
}

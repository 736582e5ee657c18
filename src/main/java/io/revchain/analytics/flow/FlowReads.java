package io.revchain.analytics.flow;

import io.revchain.analytics.ConversionMetrics;
import io.revchain.analytics.ConversionView;
import io.revchain.analytics.FeedbackLoop;
import io.revchain.analytics.FeedbackLoopView;
import io.revchain.analytics.FlowFrames;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowQuery;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.FrameView;
import io.revchain.analytics.GroupBy;
import io.revchain.analytics.LeadRejectionView;
import io.revchain.analytics.StageMetrics;
import io.revchain.analytics.StageView;
import io.revchain.analytics.TransitionMetrics;
import io.revchain.analytics.TransitionView;
import io.revchain.analytics.Window;
import io.revchain.system.web.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Answers map reads from the in-memory journey facts with the pure analytics functions: the same functions serve
 * live figures, past windows, asOf/knownAt cuts, comparisons and the replay stream.
 */
@Component
class FlowReads {

    private final MapFacts facts;

    FlowReads(MapFacts facts) {
        this.facts = facts;
    }

    record Flow(FlowMap map, List<StageView> stages, List<TransitionView> transitions,
                List<ConversionView> conversions) {
    }

    record Loop(List<FeedbackLoopView> feedbackBySegment, List<FeedbackLoopView> feedbackByCampaign,
                List<LeadRejectionView> rejections) {
    }

    record Comparison(Window a, Window b, List<StageComparisonView> stages,
                      List<TransitionComparisonView> transitions) {
    }

    List<StageView> stages(String mapId, FlowParameters p) {
        return StageMetrics.stages(inWindow(mapId, p), query(p));
    }

    List<TransitionView> transitions(String mapId, FlowParameters p) {
        return TransitionMetrics.transitions(inWindow(mapId, p), query(p));
    }

    List<ConversionView> conversions(String mapId, FlowParameters p) {
        return ConversionMetrics.conversions(inWindow(mapId, p), query(p));
    }

    Flow flow(String mapId, FlowParameters p) {
        return flow(inWindow(mapId, p), query(p));
    }

    /** The flow document of any snapshot: a map version's, or a draft's (the what-if preview). */
    static Flow flow(FlowSnapshot snapshot, FlowQuery query) {
        return new Flow(snapshot.map(), StageMetrics.stages(snapshot, query),
                        TransitionMetrics.transitions(snapshot, query),
                        ConversionMetrics.conversions(snapshot, query));
    }

    Loop loop(String mapId, FlowParameters p) {
        // Feedback recorded in the window may be actioned on any journey, at any later time: all journeys.
        FlowSnapshot snapshot = facts.snapshot(mapId, p);
        FlowQuery query = query(p);
        return new Loop(FeedbackLoop.feedback(snapshot, query.withGroupBy(GroupBy.SEGMENT)),
                        FeedbackLoop.feedback(snapshot, query.withGroupBy(GroupBy.CAMPAIGN)),
                        FeedbackLoop.rejections(snapshot, query));
    }

    Comparison compare(String mapId, FlowParameters p, Window a, Window b) {
        FlowParameters pa = p.withWindow(a);
        FlowParameters pb = p.withWindow(b);
        FlowMap ma = facts.map(mapId, pa);
        FlowMap mb = facts.map(mapId, pb);
        FlowSnapshot sa = ma.equals(mb) ? facts.windowSnapshot(ma, pa, List.of(a, b))
                : facts.windowSnapshot(ma, pa, List.of(a));
        FlowSnapshot sb = ma.equals(mb) ? sa : facts.windowSnapshot(mb, pb, List.of(b));
        return new Comparison(a, b,
                              StageComparisonView.compare(StageMetrics.stages(sa, query(pa)),
                                                          StageMetrics.stages(sb, query(pb))),
                              TransitionComparisonView.compare(TransitionMetrics.transitions(sa, query(pa)),
                                                               TransitionMetrics.transitions(sb, query(pb))));
    }

    List<FrameView> frames(String mapId, FlowParameters p, Duration step) {
        if (p.window().from() == null) {
            throw new InvalidRequestException("from", "a replay needs a window start (from or quarter)");
        }
        if (p.groupBy() != null) {
            throw new InvalidRequestException("groupBy", "a replay cannot be grouped; filter instead");
        }
        try {
            return FlowFrames.frames(inWindow(mapId, p), query(p), step);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("step", e.getMessage());
        }
    }

    /** The flows of the journeys active in the read's window: all a flow figure of that window needs. */
    private FlowSnapshot inWindow(String mapId, FlowParameters p) {
        return facts.windowSnapshot(facts.map(mapId, p), p, List.of(p.window() == null ? Window.ALL : p.window()));
    }

    static FlowQuery query(FlowParameters p) {
        return new FlowQuery(p.window(), p.filter(), p.groupBy());
    }
}

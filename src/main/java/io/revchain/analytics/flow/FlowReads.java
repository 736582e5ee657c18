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
import io.revchain.analytics.VariantMetrics;
import io.revchain.analytics.VariantView;
import io.revchain.analytics.Window;
import io.revchain.map.BusinessCalendar;
import io.revchain.system.web.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * Answers map reads from the in-memory journey facts with the pure analytics functions: the same functions serve
 * live figures, past windows, asOf/knownAt cuts, comparisons and the replay stream.
 */
@Component
class FlowReads {

    private final MapFacts facts;
    private final FlowMaps maps;

    FlowReads(MapFacts facts, FlowMaps maps) {
        this.facts = facts;
        this.maps = maps;
    }

    /** {@code calendar}: the working calendar the durations are in, or null for calendar time. */
    record Flow(FlowMap map, BusinessCalendar calendar, List<StageView> stages, List<TransitionView> transitions,
                List<ConversionView> conversions) {
    }

    record Loop(List<FeedbackLoopView> feedbackBySegment, List<FeedbackLoopView> feedbackByCampaign,
                List<LeadRejectionView> rejections) {
    }

    record Comparison(Window a, Window b, BusinessCalendar calendar, List<StageComparisonView> stages,
                      List<TransitionComparisonView> transitions) {
    }

    /** A snapshot and the query to measure it with (the calendar resolved on the snapshot's map version). */
    private record Read(FlowSnapshot snapshot, FlowQuery query, BusinessCalendar calendar) {
    }

    List<StageView> stages(String mapId, FlowParameters p, String calendar) {
        Read read = read(mapId, p, calendar);
        return StageMetrics.stages(read.snapshot(), read.query());
    }

    List<TransitionView> transitions(String mapId, FlowParameters p, String calendar) {
        Read read = read(mapId, p, calendar);
        return TransitionMetrics.transitions(read.snapshot(), read.query());
    }

    List<ConversionView> conversions(String mapId, FlowParameters p) {
        return ConversionMetrics.conversions(inWindow(mapId, p), query(p));
    }

    List<VariantView> variants(String mapId, FlowParameters p, Integer limit) {
        return VariantMetrics.variants(snapshot(mapId, p), query(p), limit);
    }

    Flow flow(String mapId, FlowParameters p, String calendar) {
        Read read = read(mapId, p, calendar);
        return flow(read.snapshot(), read.query(), read.calendar());
    }

    /** The flow document of any snapshot: a map version's, or a draft's (the what-if preview). */
    static Flow flow(FlowSnapshot snapshot, FlowQuery query, BusinessCalendar calendar) {
        // The stages here, transitions and conversions beside them on the common pool: a quarter of a large history
        // then takes a second core when one is free (on a busy node the work is the same, only queued there).
        CompletableFuture<List<TransitionView>> transitions = CompletableFuture.supplyAsync(
                () -> TransitionMetrics.transitions(snapshot, query));
        CompletableFuture<List<ConversionView>> conversions = CompletableFuture.supplyAsync(
                () -> ConversionMetrics.conversions(snapshot, query));
        List<StageView> stages = StageMetrics.stages(snapshot, query);
        return new Flow(snapshot.map(), calendar, stages, joined(transitions), joined(conversions));
    }

    private static <T> T joined(CompletableFuture<T> figures) {
        try {
            return figures.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    Loop loop(String mapId, FlowParameters p) {
        // Feedback recorded in the window may be actioned on any journey, at any later time: all journeys.
        FlowSnapshot snapshot = snapshot(mapId, p);
        FlowQuery query = query(p);
        return new Loop(FeedbackLoop.feedback(snapshot, query.withGroupBy(GroupBy.SEGMENT)),
                        FeedbackLoop.feedback(snapshot, query.withGroupBy(GroupBy.CAMPAIGN)),
                        FeedbackLoop.rejections(snapshot, query));
    }

    /** Each window under its own map version; a calendar is taken from each window's version by its id. */
    Comparison compare(String mapId, FlowParameters p, Window a, Window b, String calendar) {
        FlowParameters pa = p.withWindow(a);
        FlowParameters pb = p.withWindow(b);
        FlowMap ma = facts.map(mapId, pa);
        FlowMap mb = facts.map(mapId, pb);
        FlowSnapshot sa = ma.equals(mb) ? facts.windowSnapshot(ma, pa, List.of(a, b))
                : facts.windowSnapshot(ma, pa, List.of(a));
        FlowSnapshot sb = ma.equals(mb) ? sa : facts.windowSnapshot(mb, pb, List.of(b));
        Read ra = measured(sa, pa, calendar);
        Read rb = measured(sb, pb, calendar);
        return new Comparison(a, b, ra.calendar(),
                              StageComparisonView.compare(StageMetrics.stages(sa, ra.query()),
                                                          StageMetrics.stages(sb, rb.query())),
                              TransitionComparisonView.compare(TransitionMetrics.transitions(sa, ra.query()),
                                                               TransitionMetrics.transitions(sb, rb.query())));
    }

    /** Frames count arrivals, departures and WIP: no durations, so a calendar (checked) changes nothing. */
    List<FrameView> frames(String mapId, FlowParameters p, Duration step, String calendar) {
        if (p.window().from() == null) {
            throw new InvalidRequestException("from", "a replay needs a window start (from or quarter)");
        }
        if (p.groupBy() != null) {
            throw new InvalidRequestException("groupBy", "a replay cannot be grouped; filter instead");
        }
        Read read = read(mapId, p, calendar);
        try {
            return FlowFrames.frames(read.snapshot(), read.query(), step);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("step", e.getMessage());
        }
    }

    private Read read(String mapId, FlowParameters p, String calendar) {
        return measured(inWindow(mapId, p), p, calendar);
    }

    private Read measured(FlowSnapshot snapshot, FlowParameters p, String calendar) {
        if (calendar == null) {
            return new Read(snapshot, query(p), null);
        }
        FlowMaps.CalendarChoice choice = maps.calendar(snapshot.map(), calendar, "calendar");
        return new Read(snapshot, query(p).withCalendar(choice.calendar()), choice.definition());
    }

    private FlowSnapshot snapshot(String mapId, FlowParameters p) {
        return facts.snapshot(mapId, p);
    }

    /** The flows of the journeys active in the read's window: all a flow figure of that window needs. */
    private FlowSnapshot inWindow(String mapId, FlowParameters p) {
        return facts.windowSnapshot(facts.map(mapId, p), p, List.of(p.window() == null ? Window.ALL : p.window()));
    }

    static FlowQuery query(FlowParameters p) {
        return new FlowQuery(p.window(), p.filter(), p.groupBy());
    }
}

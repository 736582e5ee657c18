package io.revchain.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Closing the loop: service feedback actioned by marketing, and leads sales sent back. */
public final class FeedbackLoop {

    public static final String RECORDED = "FeedbackRecorded";
    public static final String ACTIONED = "FeedbackActioned";
    public static final String REJECTED = "LeadRejected";

    private FeedbackLoop() {
    }

    public static List<FeedbackLoopView> feedback(FlowSnapshot snapshot, FlowQuery query) {
        return feedback(snapshot, query, List.of());
    }

    /**
     * Cohort of feedback recorded in the window (by occurredAt) on the filtered journeys; actioned when a visible
     * FeedbackActioned names its feedbackId (the FeedbackRecorded's "feedbackId" attribute, else its stepId). The
     * earliest action counts. {@code otherSteps} are steps recorded on segments or campaigns rather than journeys;
     * the cut applies to them too. Grouped by segment or campaign, an action's own "segmentId"/"campaignId" places the
     * feedback, else the journey's dimension does.
     */
    public static List<FeedbackLoopView> feedback(FlowSnapshot snapshot, FlowQuery query,
                                                  Collection<StepFact> otherSteps) {
        Map<String, StepFact> actions = firstActions(snapshot, otherSteps);
        Window window = query.window();
        Map<String, Acc> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        if (query.groupBy() == null) {
            groups.put(null, new Acc());
        }
        Set<String> seen = new HashSet<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            if (journey.loopSteps().isEmpty() || !query.filter().accepts(journey)) {
                continue;
            }
            for (StepFact step : journey.loopSteps()) {
                if (!RECORDED.equals(step.type()) || !window.contains(step.occurredAt())) {
                    continue;
                }
                String id = feedbackId(step);
                if (id != null && !seen.add(id)) {
                    continue;
                }
                StepFact action = id == null ? null : actions.get(id);
                Acc acc = groups.computeIfAbsent(groupOf(query.groupBy(), journey, action), g -> new Acc());
                acc.recorded++;
                if (action != null) {
                    Duration gap = Duration.between(step.occurredAt(), action.occurredAt());
                    // An action cannot precede its feedback; a negative gap is clock skew between systems.
                    acc.hoursToAction.add(gap.isNegative() ? 0.0 : Stats.hours(gap));
                }
            }
        }
        List<FeedbackLoopView> rows = new ArrayList<>();
        groups.forEach((group, acc) -> {
            long actioned = acc.hoursToAction.size;
            rows.add(new FeedbackLoopView(group, acc.recorded, actioned,
                    acc.recorded == 0 ? null : (double) actioned / acc.recorded,
                    acc.hoursToAction.summarize().median()));
        });
        return rows;
    }

    /**
     * LeadRejected steps in the window on the filtered journeys, by campaign (the step's "campaignId", else the
     * journey's) and "reason"; missing values are "(none)". Sorted by campaign then reason, "(none)" last.
     */
    public static List<LeadRejectionView> rejections(FlowSnapshot snapshot, FlowQuery query) {
        Map<String, Map<String, Long>> counts = new TreeMap<>(GroupBy::compareGroups);
        for (JourneyFlow journey : snapshot.journeys()) {
            if (journey.loopSteps().isEmpty() || !query.filter().accepts(journey)) {
                continue;
            }
            for (StepFact step : journey.loopSteps()) {
                if (!REJECTED.equals(step.type()) || !query.window().contains(step.occurredAt())) {
                    continue;
                }
                String campaign = step.attribute("campaignId") != null
                        ? step.attribute("campaignId") : GroupBy.CAMPAIGN.groupOf(journey);
                String reason = step.attribute("reason") != null ? step.attribute("reason") : GroupBy.NONE;
                counts.computeIfAbsent(campaign, c -> new TreeMap<>(GroupBy::compareGroups))
                        .merge(reason, 1L, Long::sum);
            }
        }
        List<LeadRejectionView> rows = new ArrayList<>();
        counts.forEach((campaign, byReason) ->
                byReason.forEach((reason, count) -> rows.add(new LeadRejectionView(campaign, reason, count))));
        return rows;
    }

    private static Map<String, StepFact> firstActions(FlowSnapshot snapshot, Collection<StepFact> otherSteps) {
        Map<String, StepFact> actions = new HashMap<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            for (StepFact step : journey.loopSteps()) {
                keepEarliestAction(actions, step);
            }
        }
        for (StepFact step : otherSteps) {
            if (snapshot.cut().sees(step)) {
                keepEarliestAction(actions, step);
            }
        }
        return actions;
    }

    private static void keepEarliestAction(Map<String, StepFact> actions, StepFact step) {
        String id = step.attribute("feedbackId");
        if (!ACTIONED.equals(step.type()) || id == null) {
            return;
        }
        actions.merge(id, step, (a, b) -> JourneyTimeline.TIMELINE_ORDER.compare(a, b) <= 0 ? a : b);
    }

    private static String feedbackId(StepFact recorded) {
        String id = recorded.attribute("feedbackId");
        return id != null ? id : recorded.stepId();
    }

    private static String groupOf(GroupBy groupBy, JourneyFlow journey, StepFact action) {
        if (groupBy == null) {
            return null;
        }
        if (action != null) {
            String named = groupBy.equals(GroupBy.SEGMENT) ? action.attribute("segmentId")
                    : groupBy.equals(GroupBy.CAMPAIGN) ? action.attribute("campaignId") : null;
            if (named != null) {
                return named;
            }
        }
        return groupBy.groupOf(journey);
    }

    private static final class Acc {
        long recorded;
        final Stats.Doubles hoursToAction = new Stats.Doubles();
    }
}

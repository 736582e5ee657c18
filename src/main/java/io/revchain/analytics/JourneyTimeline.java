package io.revchain.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A journey's facts prepared once against a map: steps sorted by business time (ties by recordSeq) with the stage
 * each enters. {@link #under(Cut)} derives the journey's flow in one pass; when the cut hides none of its steps the
 * flow is computed once and reused, so repeated "latest" reads cost no more than a list walk.
 */
public final class JourneyTimeline {

    static final Comparator<StepFact> TIMELINE_ORDER =
            Comparator.comparing(StepFact::occurredAt).thenComparingLong(StepFact::recordSeq);

    static final Set<String> LOOP_STEPS = Set.of("FeedbackRecorded", "FeedbackActioned", "LeadRejected");

    private final String journeyId;
    private final StageIndex index;
    private final StepFact[] steps;
    private final List<StepFact> stepList;
    private final int[] stageOf;
    private final Instant latestOccurredAt;
    private final Instant latestRecordedAt;
    private volatile JourneyFlow complete;

    private JourneyTimeline(JourneyFacts facts, StageIndex index) {
        this.journeyId = facts.journeyId();
        this.index = index;
        this.steps = facts.steps().toArray(StepFact[]::new);
        Arrays.sort(steps, TIMELINE_ORDER);
        this.stepList = List.of(steps);
        this.stageOf = new int[steps.length];
        Instant occurred = Instant.MIN;
        Instant recorded = Instant.MIN;
        for (int i = 0; i < steps.length; i++) {
            stageOf[i] = index.enteredBy(steps[i].type());
            occurred = steps[i].occurredAt().isAfter(occurred) ? steps[i].occurredAt() : occurred;
            recorded = steps[i].recordedAt().isAfter(recorded) ? steps[i].recordedAt() : recorded;
        }
        this.latestOccurredAt = occurred;
        this.latestRecordedAt = recorded;
    }

    public static JourneyTimeline of(JourneyFacts facts, FlowMap map) {
        return new JourneyTimeline(facts, new StageIndex(map));
    }

    /** Prepares timelines against one map, sharing the map's lookups between journeys. */
    public static Function<JourneyFacts, JourneyTimeline> forMap(FlowMap map) {
        StageIndex index = new StageIndex(map);
        return facts -> new JourneyTimeline(facts, index);
    }

    public static List<JourneyTimeline> ofAll(Collection<JourneyFacts> facts, FlowMap map) {
        StageIndex index = new StageIndex(map);
        List<JourneyTimeline> timelines = new ArrayList<>(facts.size());
        for (JourneyFacts f : facts) {
            timelines.add(new JourneyTimeline(f, index));
        }
        return timelines;
    }

    public String journeyId() {
        return journeyId;
    }

    public FlowMap map() {
        return index.map;
    }

    /** Steps in timeline order: occurredAt, then recordSeq. */
    public List<StepFact> steps() {
        return stepList;
    }

    public JourneyFlow under(Cut cut) {
        if (cut.seesAll(latestOccurredAt, latestRecordedAt)) {
            JourneyFlow flow = complete;
            if (flow == null) {
                flow = build(null);
                complete = flow;
            }
            return flow;
        }
        return build(cut);
    }

    private JourneyFlow build(Cut cut) {
        String channel = null;
        String segment = null;
        String campaign = null;
        String owner = null;
        List<StageEntry> entries = new ArrayList<>(4);
        List<StepFact> loopSteps = List.of();
        List<StepFact> visible = cut == null ? stepList : new ArrayList<>(steps.length);
        Instant lastStageStep = null;
        int current = -1;
        for (int i = 0; i < steps.length; i++) {
            StepFact step = steps[i];
            if (cut != null) {
                if (!cut.sees(step)) {
                    continue;
                }
                visible.add(step);
            }
            if (channel == null) {
                channel = step.attribute("channel");
            }
            if (segment == null) {
                segment = step.attribute("segmentId");
            }
            if (campaign == null) {
                campaign = step.attribute("campaignId");
            }
            String stepOwner = "LeadHandedOff".equals(step.type()) && step.attribute("to") != null
                    ? step.attribute("to") : step.attribute("owner");
            if (stepOwner != null) {
                owner = stepOwner;
            }
            int stage = stageOf[i];
            if (stage >= 0) {
                lastStageStep = step.occurredAt();
            }
            if (stage >= 0 && stage != current) {
                entries.add(new StageEntry(journeyId, index.stage(stage).stageId(), step.stepId(),
                        step.occurredAt(), step.recordSeq()));
                current = stage;
            }
            if (LOOP_STEPS.contains(step.type())) {
                if (loopSteps.isEmpty()) {
                    loopSteps = new ArrayList<>(2);
                }
                loopSteps.add(step);
            }
        }
        return new JourneyFlow(journeyId, new JourneyDimensions(channel, segment, campaign, owner),
                List.copyOf(entries), visits(entries, current), transitions(entries), List.copyOf(loopSteps),
                cut == null ? visible : Collections.unmodifiableList(visible), lastStageStep);
    }

    private List<StageVisit> visits(List<StageEntry> entries, int lastStage) {
        int n = entries.size();
        StageVisit[] visits = new StageVisit[n];
        for (int i = 0; i < n; i++) {
            StageEntry entry = entries.get(i);
            if (i + 1 < n) {
                StageEntry next = entries.get(i + 1);
                visits[i] = new StageVisit(journeyId, i, entry.stageId(), entry.stepId(), entry.at(), next.at(),
                        next.stageId(), StageVisit.State.CLOSED);
            } else {
                StageVisit.State state = index.stage(lastStage).terminal()
                        ? StageVisit.State.ENDED : StageVisit.State.OPEN;
                visits[i] = new StageVisit(journeyId, i, entry.stageId(), entry.stepId(), entry.at(), null, null,
                        state);
            }
        }
        return List.of(visits);
    }

    private static List<StageTransition> transitions(List<StageEntry> entries) {
        int n = entries.size();
        if (n < 2) {
            return List.of();
        }
        StageTransition[] transitions = new StageTransition[n - 1];
        for (int i = 1; i < n; i++) {
            StageEntry from = entries.get(i - 1);
            StageEntry to = entries.get(i);
            transitions[i - 1] = new StageTransition(to.journeyId(), from.stageId(), to.stageId(), from.at(), to.at());
        }
        return List.of(transitions);
    }
}

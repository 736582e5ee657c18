package io.revchain.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One journey under a map and a cut: its dimensions, its visible steps in timeline order, the stage visits they
 * make, and how many of its steps the cut hides (occurred after asOf or recorded after knownAt).
 */
public record JourneyDetailView(String journeyId, JourneyDimensions dimensions, List<JourneyStepView> steps,
                                List<StageVisit> visits, int hiddenByCut) {

    public JourneyDetailView {
        steps = List.copyOf(steps);
        visits = List.copyOf(visits);
    }

    public static JourneyDetailView of(JourneyTimeline timeline, Cut cut) {
        JourneyFlow flow = timeline.under(cut);
        Map<String, String> entries = new HashMap<>();
        flow.entries().forEach(e -> entries.put(e.stepId(), e.stageId()));
        List<JourneyStepView> steps = new ArrayList<>();
        int hidden = 0;
        for (StepFact step : timeline.steps()) {
            if (!cut.sees(step)) {
                hidden++;
                continue;
            }
            steps.add(new JourneyStepView(step.stepId(), step.type(), step.occurredAt(), step.recordedAt(),
                                          entries.get(step.stepId()), step.attributes()));
        }
        return new JourneyDetailView(flow.journeyId(), flow.dimensions(), steps, flow.visits(), hidden);
    }
}

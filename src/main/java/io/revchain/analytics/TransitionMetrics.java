package io.revchain.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The directly-follows graph of stages with performance (process mining DFG), per window and group. */
public final class TransitionMetrics {

    private TransitionMetrics() {
    }

    /** Observed pairs only, sorted by group, then from-stage and to-stage in map order. */
    public static List<TransitionView> transitions(FlowSnapshot snapshot, FlowQuery query) {
        StageIndex index = new StageIndex(snapshot.map());
        int n = index.size();
        Window window = query.window();
        ElapsedTime elapsed = query.elapsed();
        Map<String, Map<Integer, Stats.Doubles>> groups =
                new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            Map<Integer, Stats.Doubles> pairs = null;
            List<StageTransition> transitions = journey.transitions();
            for (int i = journey.firstTransitionFrom(window.from()); i < transitions.size(); i++) {
                StageTransition t = transitions.get(i);
                if (!window.contains(t.at())) {
                    break;
                }
                if (pairs == null) {
                    pairs = groups.computeIfAbsent(query.groupOf(journey), g -> new HashMap<>());
                }
                int key = index.of(t.fromStage()) * n + index.of(t.toStage());
                pairs.computeIfAbsent(key, k -> new Stats.Doubles()).add(Stats.hours(t.duration(elapsed)));
            }
        }
        Map<Integer, String> handoffOwners = handoffOwners(index);
        List<TransitionView> rows = new ArrayList<>();
        groups.forEach((group, pairs) -> pairs.keySet().stream().sorted().forEach(key -> {
            FlowStage from = index.stage(key / n);
            FlowStage to = index.stage(key % n);
            Stats.Doubles durations = pairs.get(key);
            Stats.Summary s = durations.summarize();
            rows.add(new TransitionView(group, from.stageId(), to.stageId(), durations.size,
                    s.mean(), s.median(), s.p90(),
                    !Objects.equals(from.owner(), to.owner()), handoffOwners.get(key)));
        }));
        return rows;
    }

    private static Map<Integer, String> handoffOwners(StageIndex index) {
        Map<Integer, String> owners = new HashMap<>();
        for (FlowHandoff h : index.map.handoffs()) {
            try {
                owners.putIfAbsent(index.of(h.fromStage()) * index.size() + index.of(h.toStage()), h.owner());
            } catch (IllegalArgumentException unknownStage) {
                // A handoff naming a stage the map no longer has cannot match any transition.
            }
        }
        return owners;
    }
}

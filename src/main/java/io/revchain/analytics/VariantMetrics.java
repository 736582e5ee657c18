package io.revchain.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Variants: the distinct paths through the map (the sequence of stage entries of a journey), how many journeys took
 * each, and how long they took from the first stage entry to the last step in a stage. Process mining's variants,
 * over stages rather than raw activities.
 */
public final class VariantMetrics {

    private VariantMetrics() {
    }

    /**
     * The journeys whose first stage entry is in the window, by variant: most frequent first (ties by the paths in map
     * order, a path before its own extensions), ranked from 1 within each group; groups sorted, "(none)" last.
     * {@code limit} (null: all) keeps the most frequent of each group; shares stay relative to all its journeys.
     */
    public static List<VariantView> variants(FlowSnapshot snapshot, FlowQuery query, Integer limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        StageIndex index = new StageIndex(snapshot.map());
        Map<String, Map<Path, Stats.Doubles>> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        Map<String, Map<Path, long[]>> endedByGroup = new HashMap<>();
        Map<String, long[]> journeysByGroup = new HashMap<>();
        for (JourneyFlow journey : snapshot.journeys()) {
            List<StageEntry> entries = journey.entries();
            if (entries.isEmpty() || !query.window().contains(entries.get(0).at())
                    || !query.filter().accepts(journey)) {
                continue;
            }
            int[] stages = new int[entries.size()];
            for (int i = 0; i < stages.length; i++) {
                stages[i] = index.of(entries.get(i).stageId());
            }
            Path path = new Path(stages);
            String group = query.groupOf(journey);
            groups.computeIfAbsent(group, g -> new HashMap<>())
                  .computeIfAbsent(path, p -> new Stats.Doubles())
                  .add(Stats.hours(Duration.between(entries.get(0).at(), journey.lastStageStepAt())));
            journeysByGroup.computeIfAbsent(group, g -> new long[1])[0]++;
            List<StageVisit> visits = journey.visits();
            if (visits.get(visits.size() - 1).state() == StageVisit.State.ENDED) {
                endedByGroup.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(path, p -> new long[1])[0]++;
            }
        }
        List<VariantView> rows = new ArrayList<>();
        groups.forEach((group, paths) -> {
            long journeys = journeysByGroup.get(group)[0];
            Map<Path, long[]> ended = endedByGroup.getOrDefault(group, Map.of());
            List<Map.Entry<Path, Stats.Doubles>> ranked = new ArrayList<>(paths.entrySet());
            ranked.sort(Comparator.comparingInt((Map.Entry<Path, Stats.Doubles> e) -> -e.getValue().size)
                                  .thenComparing(Map.Entry::getKey));
            int shown = limit == null ? ranked.size() : Math.min(limit, ranked.size());
            for (int r = 0; r < shown; r++) {
                Path path = ranked.get(r).getKey();
                Stats.Doubles throughput = ranked.get(r).getValue();
                List<String> stageIds = Arrays.stream(path.stages).mapToObj(i -> index.stage(i).stageId()).toList();
                Stats.Summary s = throughput.summarize();
                rows.add(new VariantView(group, r + 1, String.join(VariantView.SEPARATOR, stageIds), stageIds,
                                         stageIds.size(), throughput.size, (double) throughput.size / journeys,
                                         ended.getOrDefault(path, new long[1])[0], s.median(), s.mean()));
            }
        });
        return rows;
    }

    /** A sequence of stage positions; ordered element by element in map order, a prefix first. */
    private record Path(int[] stages) implements Comparable<Path> {

        @Override
        public boolean equals(Object other) {
            return other instanceof Path p && Arrays.equals(stages, p.stages);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(stages);
        }

        @Override
        public int compareTo(Path other) {
            return Arrays.compare(stages, other.stages);
        }
    }
}

package io.revchain.importing;

import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The activities of a log and where each typically occurs in a journey, gathered in a first pass over the file so
 * that the map can declare them before any step is recorded. Pure: fed the steps the import would record, in file
 * order. Every figure is defined in docs/import.md (Discovering the map).
 */
final class Discovery {

    /** An activity that ends at least this share of the journeys it occurs in makes a terminal stage. */
    static final double TERMINAL_END_SHARE = 0.9;

    /**
     * One step type of the log, as a stage: its labels (several only when a typeMap sends them to one type), the
     * stage name and wished id, how often it occurs, its mean relative position, the share of its journeys it ends,
     * and its owner.
     */
    record Activity(String stepType, List<String> labels, String name, String stageId, long events, long journeys,
                    double meanPosition, double endShare, BusinessFunction owner, boolean terminal) {
    }

    /** A value of the owner column that is no function, with the first row that holds it. */
    record BadOwner(String value, long row) {
    }

    private final Map<String, Integer> labelIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private final List<long[]> ownerCounts = new ArrayList<>();
    private final Map<String, String> explicitTypes = new HashMap<>();
    private final Map<String, JourneyEvents> journeys = new LinkedHashMap<>();
    private final Map<String, BadOwner> badOwners = new TreeMap<>();
    private long events;

    /**
     * One step the import would record: its journey, its activity label, the label's typeMap target (null: none),
     * when it happened, and the owner column's value on its row (null or empty: none).
     */
    void add(String journeyId, String label, String explicitType, Instant at, String owner, long row) {
        Integer id = labelIds.get(label);
        if (id == null) {
            id = labels.size();
            labelIds.put(label, id);
            labels.add(label);
            ownerCounts.add(new long[BusinessFunction.values().length]);
        }
        if (explicitType != null) {
            explicitTypes.putIfAbsent(label, explicitType);
        }
        if (owner != null && !owner.isBlank()) {
            BusinessFunction function = BusinessFunction.parse(owner).orElse(null);
            if (function == null) {
                badOwners.putIfAbsent(owner.strip(), new BadOwner(owner.strip(), row));
            } else {
                ownerCounts.get(id)[function.ordinal()]++;
            }
        }
        journeys.computeIfAbsent(journeyId, j -> new JourneyEvents()).add(at, id);
        events++;
    }

    long events() {
        return events;
    }

    /** Owner values that name no function, in value order. */
    List<BadOwner> badOwners() {
        return List.copyOf(badOwners.values());
    }

    /**
     * The activities by step type, in discovered order: mean relative position, then stage name, then step type.
     * A step's relative position in its journey of n steps (sorted by time, ties in file order) is i / (n - 1) for
     * the i-th (0-based), and 0 when the journey has a single step.
     */
    List<Activity> activities() {
        Map<String, String> types = ActivityNames.stepTypes(labels, explicitTypes);
        int n = labels.size();
        double[] positionSum = new double[n];
        long[] count = new long[n];
        long[] containing = new long[n];
        long[] ending = new long[n];
        int[] seenIn = new int[n];
        Arrays.fill(seenIn, -1);
        int journeyNumber = 0;
        for (JourneyEvents journey : journeys.values()) {
            int[] order = journey.timeOrder();
            int last = order.length - 1;
            for (int i = 0; i < order.length; i++) {
                int label = journey.labels[order[i]];
                positionSum[label] += last == 0 ? 0 : (double) i / last;
                count[label]++;
                if (seenIn[label] != journeyNumber) {
                    seenIn[label] = journeyNumber;
                    containing[label]++;
                }
            }
            ending[journey.labels[order[last]]]++;
            journeyNumber++;
        }
        // Group labels by step type; journeys per type count a journey once even when two of its labels share it.
        Map<String, List<Integer>> byType = new TreeMap<>();
        for (int label = 0; label < n; label++) {
            byType.computeIfAbsent(types.get(labels.get(label)), t -> new ArrayList<>()).add(label);
        }
        Map<String, Integer> typeIndex = new HashMap<>();
        byType.keySet().forEach(type -> typeIndex.put(type, typeIndex.size()));
        long[] typeJourneys = new long[byType.size()];
        long[] typeEndings = new long[byType.size()];
        if (byType.size() < n) {
            countTypeJourneys(types, typeIndex, typeJourneys, typeEndings);
        }
        List<Activity> activities = new ArrayList<>();
        byType.forEach((type, members) -> {
            int t = typeIndex.get(type);
            List<String> names = new ArrayList<>(new TreeSet<>(members.stream().map(labels::get).toList()));
            double sum = 0;
            long events = 0;
            long journeysWith = members.size() == 1 ? containing[members.get(0)] : typeJourneys[t];
            long endings = members.size() == 1 ? ending[members.get(0)] : typeEndings[t];
            long[] owners = new long[BusinessFunction.values().length];
            for (int label : members) {
                sum += positionSum[label];
                events += count[label];
                for (int f = 0; f < owners.length; f++) {
                    owners[f] += ownerCounts.get(label)[f];
                }
            }
            double endShare = (double) endings / journeysWith;
            activities.add(new Activity(type, names, String.join(" / ", names), ActivityNames.stageId(names.get(0)),
                                        events, journeysWith, sum / events, endShare, owner(owners),
                                        endShare >= TERMINAL_END_SHARE));
        });
        activities.sort(Comparator.comparingDouble(Activity::meanPosition)
                                  .thenComparing(Activity::name)
                                  .thenComparing(Activity::stepType));
        return activities;
    }

    private void countTypeJourneys(Map<String, String> types, Map<String, Integer> typeIndex, long[] journeysWith,
                                   long[] endings) {
        int[] typeOfLabel = new int[labels.size()];
        for (int label = 0; label < labels.size(); label++) {
            typeOfLabel[label] = typeIndex.get(types.get(labels.get(label)));
        }
        int[] seenIn = new int[journeysWith.length];
        Arrays.fill(seenIn, -1);
        int journeyNumber = 0;
        for (JourneyEvents journey : journeys.values()) {
            for (int i = 0; i < journey.size; i++) {
                int type = typeOfLabel[journey.labels[i]];
                if (seenIn[type] != journeyNumber) {
                    seenIn[type] = journeyNumber;
                    journeysWith[type]++;
                }
            }
            int[] order = journey.timeOrder();
            endings[typeOfLabel[journey.labels[order[order.length - 1]]]]++;
            journeyNumber++;
        }
    }

    /** The function most of the activity's steps name; a tie between functions, or none named, is JOINT. */
    private static BusinessFunction owner(long[] counts) {
        BusinessFunction best = BusinessFunction.JOINT;
        long most = 0;
        boolean tie = false;
        for (BusinessFunction function : BusinessFunction.values()) {
            long c = counts[function.ordinal()];
            if (c > most) {
                best = function;
                most = c;
                tie = false;
            } else if (c == most && c > 0) {
                tie = true;
            }
        }
        return tie ? BusinessFunction.JOINT : best;
    }

    /** One journey's steps in file order, kept compact: epoch seconds, nanos and label id. */
    private static final class JourneyEvents {

        long[] seconds = new long[4];
        int[] nanos = new int[4];
        int[] labels = new int[4];
        int size;

        void add(Instant at, int label) {
            if (size == labels.length) {
                seconds = Arrays.copyOf(seconds, size * 2);
                nanos = Arrays.copyOf(nanos, size * 2);
                labels = Arrays.copyOf(labels, size * 2);
            }
            seconds[size] = at.getEpochSecond();
            nanos[size] = at.getNano();
            labels[size] = label;
            size++;
        }

        /** Indexes in time order; a stable sort, so steps at the same instant keep their file order. */
        int[] timeOrder() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> seconds[a] != seconds[b] ? Long.compare(seconds[a], seconds[b])
                    : nanos[a] != nanos[b] ? Integer.compare(nanos[a], nanos[b]) : Integer.compare(a, b));
            int[] result = new int[size];
            for (int i = 0; i < size; i++) {
                result[i] = order[i];
            }
            return result;
        }
    }
}

package io.revchain.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cohort conversion between stages, as CRM funnels report it: cohort by entry into the earlier stage. */
public final class ConversionMetrics {

    private ConversionMetrics() {
    }

    /**
     * Every pair A before B in map order. A journey is in A's cohort when it entered A inside the window; it reached B
     * when it has an entry into B after its first in-window entry into A (timeline order, up to the cut).
     */
    public static List<ConversionView> conversions(FlowSnapshot snapshot, FlowQuery query) {
        StageIndex index = new StageIndex(snapshot.map());
        int n = index.size();
        Window window = query.window();
        Map<String, long[][]> groups = new TreeMap<>(Comparator.nullsFirst(GroupBy::compareGroups));
        if (query.groupBy() == null) {
            groups.put(null, new long[n][n]);
        }
        int[] firstInWindow = new int[n];
        int[] lastEntry = new int[n];
        for (JourneyFlow journey : snapshot.journeys()) {
            if (!query.filter().accepts(journey)) {
                continue;
            }
            List<StageEntry> entries = journey.entries();
            // Entries before the window's first one matter to nothing below: no cohort, and "reached after" looks
            // only past a cohort's entry. A journey without an entry in the window is in no cohort.
            int first = journey.firstEntryFrom(window.from());
            if (first == entries.size() || !window.contains(entries.get(first).at())) {
                continue;
            }
            Arrays.fill(firstInWindow, -1);
            Arrays.fill(lastEntry, -1);
            boolean inCohort = false;
            for (int p = first; p < entries.size(); p++) {
                StageEntry entry = entries.get(p);
                int k = index.of(entry.stageId());
                lastEntry[k] = p;
                if (firstInWindow[k] < 0 && window.contains(entry.at())) {
                    firstInWindow[k] = p;
                    inCohort = true;
                }
            }
            if (!inCohort) {
                continue;
            }
            // counts[a][a] holds A's cohort; counts[a][b], b > a, how many of it reached B.
            long[][] counts = groups.computeIfAbsent(query.groupOf(journey), g -> new long[n][n]);
            for (int a = 0; a < n; a++) {
                if (firstInWindow[a] < 0) {
                    continue;
                }
                counts[a][a]++;
                for (int b = a + 1; b < n; b++) {
                    if (lastEntry[b] > firstInWindow[a]) {
                        counts[a][b]++;
                    }
                }
            }
        }
        List<ConversionView> rows = new ArrayList<>();
        groups.forEach((group, counts) -> {
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    long cohort = counts[a][a];
                    long reached = counts[a][b];
                    rows.add(new ConversionView(group, index.stage(a).stageId(), index.stage(b).stageId(),
                            cohort, reached, cohort == 0 ? null : (double) reached / cohort));
                }
            }
        });
        return rows;
    }
}

package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-stage flow figures in a window: entered, arrivals, departures, WIP, dwell, SLA breaches, bottleneck rank. */
public final class StageMetrics {

    private StageMetrics() {
    }

    /**
     * One row per stage in map order; grouped, one block per group (groups sorted, "(none)" last) and only for groups
     * with some activity in the window. Bottleneck rank and share are within the row's group.
     */
    public static List<StageView> stages(FlowSnapshot snapshot, FlowQuery query) {
        StageIndex index = new StageIndex(snapshot.map());
        int n = index.size();
        Window window = query.window();
        Instant until = window.measuredUntil(snapshot.cut().asOf());
        ElapsedTime elapsed = query.elapsed();
        Map<String, Acc> groups = new HashMap<>();
        if (query.groupBy() == null) {
            groups.put(null, new Acc(n));
        }
        int journeyNo = 0;
        for (JourneyFlow journey : snapshot.journeys()) {
            journeyNo++;
            if (!query.filter().accepts(journey)) {
                continue;
            }
            Acc acc = groups.computeIfAbsent(query.groupOf(journey), g -> new Acc(n));
            List<StageVisit> visits = journey.visits();
            // Visits that left before the window starts count for nothing in it.
            for (int v = journey.firstVisitSeenFrom(window.from()); v < visits.size(); v++) {
                acc.add(index, visits.get(v), journeyNo, window, until, elapsed);
            }
        }
        List<StageView> rows = new ArrayList<>();
        groups.entrySet().stream()
                .filter(e -> e.getKey() == null || e.getValue().active)
                .sorted(Map.Entry.comparingByKey(Comparator.nullsFirst(GroupBy::compareGroups)))
                .forEach(e -> e.getValue().emit(e.getKey(), index, rows));
        return rows;
    }

    private static final class Acc {
        final long[] entered;
        final long[] arrivals;
        final long[] departures;
        final long[] wipStart;
        final long[] wipEnd;
        final long[] breaches;
        final Stats.Doubles[] dwell;
        final Stats.DurationSum[] total;
        final int[] lastJourney;
        boolean active;

        Acc(int n) {
            entered = new long[n];
            arrivals = new long[n];
            departures = new long[n];
            wipStart = new long[n];
            wipEnd = new long[n];
            breaches = new long[n];
            dwell = new Stats.Doubles[n];
            total = new Stats.DurationSum[n];
            lastJourney = new int[n];
            for (int i = 0; i < n; i++) {
                dwell[i] = new Stats.Doubles();
                total[i] = new Stats.DurationSum();
            }
        }

        void add(StageIndex index, StageVisit visit, int journeyNo, Window window, Instant until,
                 ElapsedTime elapsed) {
            int k = index.of(visit.stageId());
            Duration sla = index.stage(k).sla();
            boolean touched = false;
            if (visit.arrivedIn(window)) {
                arrivals[k]++;
                if (lastJourney[k] != journeyNo) {
                    entered[k]++;
                    lastJourney[k] = journeyNo;
                }
                touched = true;
            }
            if (visit.departedIn(window)) {
                Duration dwelt = visit.duration(elapsed);
                departures[k]++;
                dwell[k].add(Stats.hours(dwelt));
                if (sla != null && dwelt.compareTo(sla) > 0) {
                    breaches[k]++;
                }
                touched = true;
            }
            if (window.from() != null && visit.presentAt(window.from())) {
                wipStart[k]++;
                touched = true;
            }
            if (visit.presentAt(window.to())) {
                wipEnd[k]++;
                if (sla != null && visit.ageAt(until, elapsed).compareTo(sla) > 0) {
                    breaches[k]++;
                }
                touched = true;
            }
            Duration inside = visit.timeInside(window.from(), until, elapsed);
            if (!inside.isZero()) {
                total[k].add(inside);
                touched = true;
            }
            active |= touched;
        }

        void emit(String group, StageIndex index, List<StageView> rows) {
            int n = index.size();
            double sum = 0;
            for (Stats.DurationSum t : total) {
                sum += t.hours();
            }
            Integer[] byDwell = new Integer[n];
            for (int i = 0; i < n; i++) {
                byDwell[i] = i;
            }
            Arrays.sort(byDwell, (a, b) -> {
                int c = total[b].compareTo(total[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int[] rank = new int[n];
            for (int r = 0; r < n; r++) {
                rank[byDwell[r]] = r + 1;
            }
            for (int k = 0; k < n; k++) {
                FlowStage stage = index.stage(k);
                Stats.Summary s = dwell[k].summarize();
                double hours = total[k].hours();
                rows.add(new StageView(group, stage.stageId(), stage.name(), stage.owner(),
                        entered[k], arrivals[k], departures[k], wipStart[k], wipEnd[k],
                        s.mean(), s.median(), s.p90(),
                        stage.sla() == null ? null : Stats.hours(stage.sla()),
                        stage.sla() == null ? null : breaches[k],
                        hours, sum > 0 ? hours / sum : 0.0, rank[k]));
            }
        }
    }
}

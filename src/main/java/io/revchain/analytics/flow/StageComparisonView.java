package io.revchain.analytics.flow;

import static io.revchain.system.web.Rounded.Scale.HOURS;

import io.revchain.system.web.Rounded;
import io.revchain.analytics.StageView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One stage (per group when grouped) in windows a and b, and the change b − a. Definitions: docs/metrics.md. */
record StageComparisonView(String group, String stageId, String name,
                           Long enteredA, Long enteredB, Long enteredChange,
                           Long departuresA, Long departuresB, Long departuresChange,
                           @Rounded(HOURS) Double dwellMedianHoursA, @Rounded(HOURS) Double dwellMedianHoursB,
                           @Rounded(HOURS) Double dwellMedianHoursChange,
                           @Rounded(HOURS) Double dwellP90HoursA, @Rounded(HOURS) Double dwellP90HoursB,
                           @Rounded(HOURS) Double dwellP90HoursChange,
                           Long slaBreachesA, Long slaBreachesB, Long slaBreachesChange,
                           @Rounded(HOURS) Double totalDwellHoursA, @Rounded(HOURS) Double totalDwellHoursB,
                           @Rounded(HOURS) Double totalDwellHoursChange,
                           Integer bottleneckRankA, Integer bottleneckRankB, Integer bottleneckRankChange) {

    static List<StageComparisonView> compare(List<StageView> a, List<StageView> b) {
        Map<String, StageView[]> pairs = new LinkedHashMap<>();
        a.forEach(v -> pairs.computeIfAbsent(key(v), k -> new StageView[2])[0] = v);
        b.forEach(v -> pairs.computeIfAbsent(key(v), k -> new StageView[2])[1] = v);
        List<StageComparisonView> rows = new ArrayList<>(pairs.size());
        for (StageView[] pair : pairs.values()) {
            StageView x = pair[0];
            StageView y = pair[1];
            StageView any = x != null ? x : y;
            rows.add(new StageComparisonView(
                    any.group(), any.stageId(), any.name(),
                    x == null ? null : x.entered(), y == null ? null : y.entered(),
                    change(x == null ? null : x.entered(), y == null ? null : y.entered()),
                    x == null ? null : x.departures(), y == null ? null : y.departures(),
                    change(x == null ? null : x.departures(), y == null ? null : y.departures()),
                    x == null ? null : x.dwellMedianHours(), y == null ? null : y.dwellMedianHours(),
                    change(x == null ? null : x.dwellMedianHours(), y == null ? null : y.dwellMedianHours()),
                    x == null ? null : x.dwellP90Hours(), y == null ? null : y.dwellP90Hours(),
                    change(x == null ? null : x.dwellP90Hours(), y == null ? null : y.dwellP90Hours()),
                    x == null ? null : x.slaBreaches(), y == null ? null : y.slaBreaches(),
                    change(x == null ? null : x.slaBreaches(), y == null ? null : y.slaBreaches()),
                    x == null ? null : x.totalDwellHours(), y == null ? null : y.totalDwellHours(),
                    change(x == null ? null : x.totalDwellHours(), y == null ? null : y.totalDwellHours()),
                    x == null ? null : x.bottleneckRank(), y == null ? null : y.bottleneckRank(),
                    x == null || y == null ? null : y.bottleneckRank() - x.bottleneckRank()));
        }
        return rows;
    }

    private static String key(StageView v) {
        return Objects.toString(v.group(), "") + "\u0000" + v.stageId();
    }

    static Long change(Long a, Long b) {
        return a == null || b == null ? null : b - a;
    }

    static Double change(Double a, Double b) {
        return a == null || b == null ? null : b - a;
    }
}

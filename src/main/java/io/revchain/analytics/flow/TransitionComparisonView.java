package io.revchain.analytics.flow;

import static io.revchain.system.web.Rounded.Scale.HOURS;

import io.revchain.system.web.Rounded;
import io.revchain.analytics.TransitionView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One directly-follows pair (per group when grouped) in windows a and b: counts, median hours and the change b − a. */
record TransitionComparisonView(String group, String fromStage, String toStage,
                                long countA, long countB, long countChange,
                                @Rounded(HOURS) Double medianHoursA, @Rounded(HOURS) Double medianHoursB,
                                @Rounded(HOURS) Double medianHoursChange) {

    static List<TransitionComparisonView> compare(List<TransitionView> a, List<TransitionView> b) {
        Map<String, TransitionView[]> pairs = new LinkedHashMap<>();
        a.forEach(v -> pairs.computeIfAbsent(key(v), k -> new TransitionView[2])[0] = v);
        b.forEach(v -> pairs.computeIfAbsent(key(v), k -> new TransitionView[2])[1] = v);
        List<TransitionComparisonView> rows = new ArrayList<>(pairs.size());
        for (TransitionView[] pair : pairs.values()) {
            TransitionView x = pair[0];
            TransitionView y = pair[1];
            TransitionView any = x != null ? x : y;
            long countA = x == null ? 0 : x.count();
            long countB = y == null ? 0 : y.count();
            Double medianA = x == null ? null : x.medianHours();
            Double medianB = y == null ? null : y.medianHours();
            rows.add(new TransitionComparisonView(any.group(), any.fromStage(), any.toStage(), countA, countB,
                                                  countB - countA, medianA, medianB,
                                                  StageComparisonView.change(medianA, medianB)));
        }
        return rows;
    }

    private static String key(TransitionView v) {
        return Objects.toString(v.group(), "") + "\u0000" + v.fromStage() + "\u0000" + v.toStage();
    }
}

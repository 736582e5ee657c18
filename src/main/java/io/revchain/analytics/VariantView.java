package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.util.List;

/**
 * One path through the map (per group when grouped; {@code group} is null otherwise): the stages a journey entered,
 * in order ({@code stages}, and as text in {@code variant}), the journeys that took it and their throughput time.
 * Definitions: docs/metrics.md.
 */
public record VariantView(String group, int rank, String variant, List<String> stages, int length, long count,
                          @Rounded(RATIO) double share, long ended, @Rounded(HOURS) Double medianThroughputHours,
                          @Rounded(HOURS) Double meanThroughputHours) {

    /** Joins stage ids in {@code variant}. */
    public static final String SEPARATOR = " > ";

    public VariantView {
        stages = List.copyOf(stages);
    }
}

package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;

/**
 * One stage in a window (per group when grouped; {@code group} is null otherwise). Definitions: docs/metrics.md.
 * Dwell statistics are over departures; SLA fields are null when the stage has no SLA.
 */
public record StageView(String group, String stageId, String name, String owner,
                        long entered, long arrivals, long departures, long wipAtStart, long wipAtEnd,
                        @Rounded(HOURS) Double dwellMeanHours, @Rounded(HOURS) Double dwellMedianHours,
                        @Rounded(HOURS) Double dwellP90Hours,
                        @Rounded(HOURS) Double slaHours, Long slaBreaches,
                        @Rounded(HOURS) double totalDwellHours, @Rounded(RATIO) double totalDwellShare,
                        int bottleneckRank) {
}

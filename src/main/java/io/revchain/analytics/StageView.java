package io.revchain.analytics;

/**
 * One stage in a window (per group when grouped; {@code group} is null otherwise). Definitions: docs/metrics.md.
 * Dwell statistics are over departures; SLA fields are null when the stage has no SLA.
 */
public record StageView(String group, String stageId, String name, String owner,
                        long entered, long arrivals, long departures, long wipAtStart, long wipAtEnd,
                        Double dwellMeanHours, Double dwellMedianHours, Double dwellP90Hours,
                        Double slaHours, Long slaBreaches,
                        double totalDwellHours, double totalDwellShare, int bottleneckRank) {
}

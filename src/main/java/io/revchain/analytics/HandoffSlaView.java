package io.revchain.analytics;

/** SLA adherence on both sides of one handoff of the map; defined in docs/metrics.md, "Joint scorecard". */
public record HandoffSlaView(String fromStage, String toStage, String owner, Double senderSlaHours,
                             long senderMeasured, Long senderWithinSla, Double senderAdherence,
                             Double receiverSlaHours, long receiverMeasured, Long receiverWithinSla,
                             Double receiverAdherence) {
}

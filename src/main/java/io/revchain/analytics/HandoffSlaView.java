package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.HOURS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;

/** SLA adherence on both sides of one handoff of the map; defined in docs/metrics.md, "Joint scorecard". */
public record HandoffSlaView(String fromStage, String toStage, String owner, @Rounded(HOURS) Double senderSlaHours,
                             long senderMeasured, Long senderWithinSla, @Rounded(RATIO) Double senderAdherence,
                             @Rounded(HOURS) Double receiverSlaHours, long receiverMeasured, Long receiverWithinSla,
                             @Rounded(RATIO) Double receiverAdherence) {
}

package io.revchain.analytics;

import java.math.BigDecimal;

/**
 * One figure of the joint scorecard with the previous period next to it; {@code subject} names what the figure is
 * about when there are several (a rejection reason, a handoff). Defined in docs/metrics.md, "Joint scorecard".
 */
public record ScorecardLineView(String section, String figure, String subject, BigDecimal current,
                                BigDecimal previous, BigDecimal change) {
}

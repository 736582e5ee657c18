package io.revchain.analytics;

import java.math.BigDecimal;

/**
 * One figure of one row in two windows: {@code part} names the table, {@code group} and {@code subject} the row
 * (a stage, a campaign, an asset...), {@code figure} the column. Defined in docs/metrics.md, "Comparing two windows".
 */
public record ComparedFigureView(String part, String group, String subject, String figure, BigDecimal a,
                                 BigDecimal b, BigDecimal change) {
}

package io.revchain.analytics;

import java.math.BigDecimal;

/**
 * An agreed target of one calendar quarter ("2025-Q3"): revenue in {@code currency}, and optional MQL and SAL counts.
 * Analytics receives these from the targets feature; only agreed figures are given.
 */
public record QuarterTarget(String quarter, BigDecimal revenue, String currency, Long mqls, Long sals) {
}

package io.revchain.analytics;

import java.math.BigDecimal;

/** Won revenue by origin in a window; defined in docs/metrics.md, "Revenue by origin". */
public record RevenueView(String group, long wonDeals, BigDecimal wonRevenue, long wonWithoutAmount,
                          BigDecimal averageDealSize, long lostDeals, Double winRate, Double medianCycleDays) {
}

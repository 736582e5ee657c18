package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.DAYS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.math.BigDecimal;

/** Won revenue by origin in a window; defined in docs/metrics.md, "Revenue by origin". */
public record RevenueView(String group, long wonDeals, BigDecimal wonRevenue, long wonWithoutAmount,
                          BigDecimal averageDealSize, long lostDeals, @Rounded(RATIO) Double winRate,
                          @Rounded(DAYS) Double medianCycleDays) {
}

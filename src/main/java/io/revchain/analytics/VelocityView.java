package io.revchain.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/** Sales velocity in one period; defined in docs/metrics.md, "Sales velocity". */
public record VelocityView(String group, String period, Instant from, Instant to, long opportunities,
                           long wonDeals, long lostDeals, Double winRate, BigDecimal averageDealSize,
                           Double medianCycleDays, BigDecimal velocityPerDay) {
}

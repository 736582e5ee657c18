package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.DAYS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.math.BigDecimal;
import java.time.Instant;

/** Sales velocity in one period; defined in docs/metrics.md, "Sales velocity". */
public record VelocityView(String group, String period, Instant from, Instant to, long opportunities,
                           long wonDeals, long lostDeals, @Rounded(RATIO) Double winRate, BigDecimal averageDealSize,
                           @Rounded(DAYS) Double medianCycleDays, BigDecimal velocityPerDay) {
}

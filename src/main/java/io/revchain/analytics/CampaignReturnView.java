package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.math.BigDecimal;
import java.time.Instant;

/** What a campaign cost and returned; defined in docs/metrics.md, "Campaign return". */
public record CampaignReturnView(String campaignId, String name, String segmentId, String channel,
                                 Instant startedAt, BigDecimal budget, long leads, long mqls, long sals,
                                 long wonDeals, BigDecimal wonRevenue, @Rounded(RATIO) Double returnOnBudget,
                                 BigDecimal costPerLead, BigDecimal costPerMql, BigDecimal costPerSal,
                                 BigDecimal costPerWonDeal, long lastTouchWonDeals,
                                 BigDecimal lastTouchWonRevenue) {
}

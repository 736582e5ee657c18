package io.revchain.analytics;

import java.time.Instant;

/** One asset of the sales pack and what became of the opportunities that used it; docs/metrics.md, "Sales pack". */
public record AssetUsageView(String assetId, String campaignId, String kind, Instant publishedAt, boolean neverUsed,
                             long uses, Instant lastUsedAt, long opportunities, long users, Double usageRate,
                             long usersClosed, Double usersWinRate, Double usersMedianCycleDays,
                             long nonUsersClosed, Double nonUsersWinRate, Double nonUsersMedianCycleDays) {
}

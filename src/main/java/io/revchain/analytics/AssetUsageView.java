package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.DAYS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.time.Instant;

/** One asset of the sales pack and what became of the opportunities that used it; docs/metrics.md, "Sales pack". */
public record AssetUsageView(String assetId, String campaignId, String kind, Instant publishedAt, boolean neverUsed,
                             long uses, Instant lastUsedAt, long opportunities, long users,
                             @Rounded(RATIO) Double usageRate, long usersClosed, @Rounded(RATIO) Double usersWinRate,
                             @Rounded(DAYS) Double usersMedianCycleDays, long nonUsersClosed,
                             @Rounded(RATIO) Double nonUsersWinRate, @Rounded(DAYS) Double nonUsersMedianCycleDays) {
}

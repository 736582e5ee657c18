package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.DAYS;
import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;

/** A campaign's sales pack as a whole; defined in docs/metrics.md, "Sales pack". */
public record CampaignAssetUsageView(String campaignId, long assets, long neverUsedAssets, long opportunities,
                                     long users, @Rounded(RATIO) Double usageRate, long usersClosed,
                                     @Rounded(RATIO) Double usersWinRate, @Rounded(DAYS) Double usersMedianCycleDays,
                                     long nonUsersClosed, @Rounded(RATIO) Double nonUsersWinRate,
                                     @Rounded(DAYS) Double nonUsersMedianCycleDays) {
}

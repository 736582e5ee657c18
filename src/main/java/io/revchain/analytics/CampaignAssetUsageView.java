package io.revchain.analytics;

/** A campaign's sales pack as a whole; defined in docs/metrics.md, "Sales pack". */
public record CampaignAssetUsageView(String campaignId, long assets, long neverUsedAssets, long opportunities,
                                     long users, Double usageRate, long usersClosed, Double usersWinRate,
                                     Double usersMedianCycleDays, long nonUsersClosed, Double nonUsersWinRate,
                                     Double nonUsersMedianCycleDays) {
}

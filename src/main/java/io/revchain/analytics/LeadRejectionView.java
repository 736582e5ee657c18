package io.revchain.analytics;

/** Leads sales rejected in the window, per campaign and stated reason. */
public record LeadRejectionView(String campaign, String reason, long count) {
}

package io.revchain.session;

import java.time.Instant;

/**
 * A mapping session in the list: what it is about, whether it is still open, and how much it produced
 * ({@code openActionItems}: assigned and not completed).
 */
public record SessionSummaryView(String sessionId,
                                 String mapId,
                                 String title,
                                 String facilitator,
                                 String status,
                                 Instant openedAt,
                                 Instant closedAt,
                                 int decisions,
                                 int actionItems,
                                 long openActionItems) {
}

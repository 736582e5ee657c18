package io.revchain.session;

/** Body of {@code POST /api/sessions/{id}/action-items}; {@code due} is an ISO date such as 2025-07-31. */
public record ActionItemRequest(String itemId, String text, String owner, String function, String due) {
}

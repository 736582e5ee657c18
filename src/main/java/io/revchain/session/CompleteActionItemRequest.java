package io.revchain.session;

/**
 * Optional body of {@code POST /api/sessions/{id}/action-items/{itemId}/complete}. The caller completes the item as
 * its own function and name; {@code by} and {@code function} may be left out, and when sent must be the caller's.
 */
public record CompleteActionItemRequest(String by, String note, String function) {
}

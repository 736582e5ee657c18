package io.revchain.session;

/** Optional body of {@code POST /api/sessions/{id}/action-items/{itemId}/complete}. */
public record CompleteActionItemRequest(String by, String note) {
}

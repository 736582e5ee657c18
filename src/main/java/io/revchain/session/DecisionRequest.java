package io.revchain.session;

import java.util.List;

/** Body of {@code POST /api/sessions/{id}/decisions}; send {@code decisionId} to make retries safe. */
public record DecisionRequest(String decisionId, String text, List<Long> mapVersions) {
}

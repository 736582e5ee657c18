package io.revchain.analytics;

import java.util.Objects;

/** A handoff the map defines between two stages, with the function accountable for it and its acceptance criteria. */
public record FlowHandoff(String fromStage, String toStage, String owner, String criteria) {

    public FlowHandoff {
        Objects.requireNonNull(fromStage, "fromStage");
        Objects.requireNonNull(toStage, "toStage");
    }
}

package io.revchain.map;

/** A handoff as a PUT body sends it; validated by the map aggregate. */
public record HandoffRequest(String fromStage, String toStage, String owner, String criteria) {
}

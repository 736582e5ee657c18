package io.revchain.map;

import java.util.List;

/** A stage as a PUT body sends it; validated by the map aggregate. {@code terminal} null: derived from entry steps. */
public record StageRequest(String stageId, String name, String owner, List<String> enteredOn, Integer slaHours,
                           Boolean terminal) {
}

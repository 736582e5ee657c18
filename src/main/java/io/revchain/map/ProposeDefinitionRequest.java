package io.revchain.map;

/**
 * Body of {@code POST /api/maps/{mapId}/definitions}. The caller proposes as its own function and name;
 * {@code function} and {@code by} may be left out, and when sent must be the caller's own.
 */
public record ProposeDefinitionRequest(String term, String text, String function, String by) {
}

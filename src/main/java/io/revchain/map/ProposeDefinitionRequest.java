package io.revchain.map;

/** Body of {@code POST /api/maps/{mapId}/definitions}: {@code function} proposes, {@code by} is the person. */
public record ProposeDefinitionRequest(String term, String text, String function, String by) {
}

package io.revchain.map;

/**
 * Body of {@code POST /api/maps/{mapId}/definitions/{term}/accept}. {@code text}, when sent, must be the current
 * wording: it guards against agreeing to a text that was reworded meanwhile.
 */
public record AcceptDefinitionRequest(String function, String by, String text) {
}

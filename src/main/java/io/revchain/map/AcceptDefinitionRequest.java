package io.revchain.map;

/**
 * Body of {@code POST /api/maps/{mapId}/definitions/{term}/accept}. {@code text}, when sent, must be the current
 * wording: it guards against agreeing to a text that was reworded meanwhile. The caller accepts as its own
 * function and name; {@code function} and {@code by} may be left out, and when sent must be the caller's own.
 */
public record AcceptDefinitionRequest(String function, String by, String text) {
}

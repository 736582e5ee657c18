package io.revchain.map;

/**
 * One difference between two map versions. {@code subject} is {@code map}, {@code stage:<id>} or
 * {@code handoff:<from>-><to>}; {@code field} the property (or {@code added}, {@code removed}, {@code order});
 * {@code from}/{@code to} the old and new values as text (null when absent); {@code summary} the change in words.
 */
public record MapChange(String subject, String field, String from, String to, String summary) {
}

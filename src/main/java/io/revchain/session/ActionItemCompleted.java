package io.revchain.session;

/** An action item was done; possibly long after the session closed. {@code note} may be null. */
public record ActionItemCompleted(String sessionId, String itemId, String completedBy, String note)
        implements SessionEvent {
}

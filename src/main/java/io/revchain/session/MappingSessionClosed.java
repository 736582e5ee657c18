package io.revchain.session;

/** No more decisions or action items; open action items stay owed. */
public record MappingSessionClosed(String sessionId) implements SessionEvent {
}

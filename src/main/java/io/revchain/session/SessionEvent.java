package io.revchain.session;

/** Events of a mapping session. */
public sealed interface SessionEvent
        permits MappingSessionOpened, DecisionRecorded, ActionItemAssigned, ActionItemCompleted, MappingSessionClosed {

    String sessionId();
}

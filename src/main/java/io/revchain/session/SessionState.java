package io.revchain.session;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mapping session as its events left it: the pure fold shared by the aggregate and the read side. */
record SessionState(String sessionId,
                    String mapId,
                    String title,
                    String facilitator,
                    List<Participant> participants,
                    Instant openedAt,
                    Instant closedAt,
                    List<Decision> decisions,
                    List<ActionItem> actionItems) {

    SessionState {
        participants = List.copyOf(participants);
        decisions = List.copyOf(decisions);
        actionItems = List.copyOf(actionItems);
    }

    static SessionState opened(MappingSessionOpened event, Instant at) {
        return new SessionState(event.sessionId(), event.mapId(), event.title(), event.facilitator(),
                                event.participants(), at, null, List.of(), List.of());
    }

    /** {@code state} is null before the first event; {@code by} is who caused it (null before attribution). */
    static SessionState apply(SessionState state, SessionEvent event, Instant at, Actor by) {
        if (event instanceof MappingSessionOpened opened) {
            return opened(opened, at.truncatedTo(ChronoUnit.MILLIS));
        }
        return state.apply(event, at, by);
    }

    SessionState apply(SessionEvent event, Instant recordedAt, Actor by) {
        // The store keeps milliseconds: truncate so the answer to a write equals every later read.
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        if (event instanceof DecisionRecorded recorded) {
            List<Decision> next = new ArrayList<>(decisions);
            next.add(new Decision(recorded.decisionId(), recorded.text(), recorded.mapVersions(), at, by));
            return with(next, actionItems, closedAt);
        }
        if (event instanceof ActionItemAssigned assigned) {
            List<ActionItem> next = new ArrayList<>(actionItems);
            next.add(new ActionItem(assigned.itemId(), assigned.text(), assigned.owner(), assigned.function(),
                                    assigned.due(), at, by, null, null, null, null));
            return with(decisions, next, closedAt);
        }
        if (event instanceof ActionItemCompleted completed) {
            List<ActionItem> next = new ArrayList<>(actionItems);
            next.replaceAll(item -> item.itemId().equals(completed.itemId())
                    ? new ActionItem(item.itemId(), item.text(), item.owner(), item.function(), item.due(),
                                     item.assignedAt(), item.assignedBy(), at, completed.completedBy(), by,
                                     completed.note())
                    : item);
            return with(decisions, next, closedAt);
        }
        if (event instanceof MappingSessionClosed) {
            return with(decisions, actionItems, at);
        }
        return this;
    }

    boolean closed() {
        return closedAt != null;
    }

    /** Names match case-insensitively; the participant's own spelling is kept. */
    Optional<Participant> participant(String name) {
        return participants.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    Optional<Decision> decision(String decisionId) {
        return decisions.stream().filter(d -> d.decisionId().equals(decisionId)).findFirst();
    }

    Optional<ActionItem> item(String itemId) {
        return actionItems.stream().filter(i -> i.itemId().equals(itemId)).findFirst();
    }

    private SessionState with(List<Decision> decisions, List<ActionItem> actionItems, Instant closedAt) {
        return new SessionState(sessionId, mapId, title, facilitator, participants, openedAt, closedAt, decisions,
                                actionItems);
    }
}

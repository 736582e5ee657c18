package io.revchain.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A mapping session as readers see it on a given day. {@code openActionItems} and {@code overdueActionItems} list
 * item ids: what is still owed, and what is owed past its due date.
 */
public record SessionView(String sessionId,
                          String mapId,
                          String title,
                          String facilitator,
                          List<Participant> participants,
                          String status,
                          Instant openedAt,
                          Instant closedAt,
                          List<Decision> decisions,
                          List<ActionItemView> actionItems,
                          List<String> openActionItems,
                          List<String> overdueActionItems) {

    static SessionView of(SessionState state, LocalDate today) {
        List<ActionItemView> items = state.actionItems().stream().map(i -> ActionItemView.of(i, today)).toList();
        return new SessionView(state.sessionId(), state.mapId(), state.title(), state.facilitator(),
                               state.participants(), state.closed() ? "CLOSED" : "OPEN", state.openedAt(),
                               state.closedAt(), state.decisions(), items,
                               items.stream().filter(i -> i.completedAt() == null).map(ActionItemView::itemId)
                                    .toList(),
                               items.stream().filter(ActionItemView::overdue).map(ActionItemView::itemId).toList());
    }
}

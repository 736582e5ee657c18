package io.revchain.session;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.time.LocalDate;

/** An action item as readers see it on a given day: OPEN or DONE, overdue, completed late. */
public record ActionItemView(String itemId, String text, String owner, BusinessFunction function, LocalDate due,
                             String status, boolean overdue, boolean completedLate, Instant assignedAt,
                             Actor assignedBy, Instant completedAt, String completedBy, Actor completedByPrincipal,
                             String note) {

    static ActionItemView of(ActionItem item, LocalDate today) {
        return new ActionItemView(item.itemId(), item.text(), item.owner(), item.function(), item.due(),
                                  item.done() ? "DONE" : "OPEN", item.overdueOn(today), item.completedLate(),
                                  item.assignedAt(), item.assignedBy(), item.completedAt(), item.completedBy(),
                                  item.completedByPrincipal(), item.note());
    }
}

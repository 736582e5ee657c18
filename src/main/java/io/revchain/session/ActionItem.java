package io.revchain.session;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An action item as the session's events left it; {@code completedAt} is null while it is open. {@code assignedBy}
 * and {@code completedByPrincipal} are who recorded the assignment and the completion (null before attribution
 * existed); {@code completedBy} is the name the completion was recorded under.
 */
public record ActionItem(String itemId, String text, String owner, BusinessFunction function, LocalDate due,
                         Instant assignedAt, Actor assignedBy, Instant completedAt, String completedBy,
                         Actor completedByPrincipal, String note) {

    public boolean done() {
        return completedAt != null;
    }

    /** Open past its due date; the due date itself is still in time. */
    public boolean overdueOn(LocalDate today) {
        return !done() && due.isBefore(today);
    }

    /** Done, but on a (UTC) day after the due date. */
    public boolean completedLate() {
        return done() && LocalDate.ofInstant(completedAt, ZoneOffset.UTC).isAfter(due);
    }
}

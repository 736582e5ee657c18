package io.revchain.session;

import io.revchain.chain.BusinessFunction;
import java.time.LocalDate;

/** A participant owes something by a date, on behalf of a function. */
public record ActionItemAssigned(String sessionId, String itemId, String text, String owner,
                                 BusinessFunction function, LocalDate due) implements SessionEvent {
}

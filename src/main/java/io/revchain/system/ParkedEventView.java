package io.revchain.system;

import java.time.Instant;

/**
 * An event a projection could not handle and went past: which projection, where the event is in the store, what
 * failed, how often, and whether it was handled since ({@code RESOLVED}, with how).
 */
public record ParkedEventView(String id,
                              String processor,
                              String state,
                              long sequence,
                              String eventId,
                              String payloadType,
                              String aggregateId,
                              String errorClass,
                              String errorMessage,
                              long attempts,
                              Instant firstFailureAt,
                              Instant lastFailureAt,
                              Instant resolvedAt,
                              String resolution) {
}

package io.revchain.session;

import io.revchain.map.BusinessFunction;

/** A person taking part in a mapping session, for a function. */
public record Participant(String name, BusinessFunction function) {
}

package io.revchain.session;

import io.revchain.chain.BusinessFunction;

/** A person taking part in a mapping session, for a function. */
public record Participant(String name, BusinessFunction function) {
}

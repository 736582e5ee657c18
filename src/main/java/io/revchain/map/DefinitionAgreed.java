package io.revchain.map;

import io.revchain.chain.BusinessFunction;

/** A function other than the proposer agreed to the exact {@code text} of a term. */
public record DefinitionAgreed(String mapId, String term, String text, BusinessFunction agreedBy, String by)
        implements MapEvent {
}

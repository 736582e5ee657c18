package io.revchain.map;

import io.revchain.chain.BusinessFunction;

/** A function proposed (or reworded) the definition of a term; it needs another function's agreement. */
public record DefinitionProposed(String mapId, String term, String text, BusinessFunction proposedBy, String by)
        implements MapEvent {
}

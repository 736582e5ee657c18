package io.revchain.map;

/** Events of a supply chain map; each one yields a new map version. */
public sealed interface MapEvent permits MapDefined, MapRevised, DefinitionProposed, DefinitionAgreed {

    String mapId();
}

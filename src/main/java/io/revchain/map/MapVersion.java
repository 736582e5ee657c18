package io.revchain.map;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A map as of one version: the pure fold of its first {@code version} events, shared by the aggregate and the
 * catalog. {@code recordedAt} is the record time of the event that produced this version.
 */
record MapVersion(String mapId, long version, Instant recordedAt, Actor recordedBy, MapDefinition definition,
                  List<TermDefinition> definitions) {

    MapVersion {
        definitions = List.copyOf(definitions);
    }

    static MapVersion initial(String mapId) {
        return new MapVersion(mapId, 0, null, null, null, List.of());
    }

    /** {@code by} is who caused the event, from its metadata; null for events recorded before attribution. */
    MapVersion apply(MapEvent event, Instant recordedAt, Actor by) {
        // The store keeps milliseconds: truncate so the answer to a write equals every later read.
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        long next = version + 1;
        if (event instanceof MapDefined defined) {
            return new MapVersion(mapId, next, at, by, defined.definition(), definitions);
        }
        if (event instanceof MapRevised revised) {
            return new MapVersion(mapId, next, at, by, revised.definition(), definitions);
        }
        if (event instanceof DefinitionProposed proposed) {
            String term = term(proposed.term()).map(TermDefinition::term).orElse(proposed.term());
            return new MapVersion(mapId, next, at, by, definition, withTerm(new TermDefinition(
                    term, proposed.text(), DefinitionStatus.PROPOSED, proposed.proposedBy(), proposed.by(), null,
                    null, by, null, at, next)));
        }
        DefinitionAgreed agreed = (DefinitionAgreed) event;
        Optional<TermDefinition> current = term(agreed.term());
        return new MapVersion(mapId, next, at, by, definition, withTerm(new TermDefinition(
                current.map(TermDefinition::term).orElse(agreed.term()), agreed.text(), DefinitionStatus.AGREED,
                current.map(TermDefinition::proposedBy).orElse(null),
                current.map(TermDefinition::proposedByPerson).orElse(null),
                agreed.agreedBy(), agreed.by(), current.map(TermDefinition::proposedByPrincipal).orElse(null), by,
                at, next)));
    }

    /** Terms match case-insensitively: "mql" is the term "MQL". */
    Optional<TermDefinition> term(String term) {
        return definitions.stream().filter(d -> d.isTerm(term)).findFirst();
    }

    MapView view() {
        return new MapView(mapId, version, recordedAt, recordedBy, definition.name(), definition.currency(),
                           definition.stages(), definition.handoffs(), definition.calendars(), definitions);
    }

    private List<TermDefinition> withTerm(TermDefinition updated) {
        List<TermDefinition> result = new ArrayList<>(definitions);
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).isTerm(updated.term())) {
                result.set(i, updated);
                return result;
            }
        }
        result.add(updated);
        return result;
    }
}

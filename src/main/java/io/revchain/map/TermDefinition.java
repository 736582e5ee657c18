package io.revchain.map;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import java.time.Instant;

/**
 * The current wording of a term such as "MQL" on a map. {@code since} and {@code sinceVersion} tell when (record time)
 * and at which map version the term reached its status; {@code agreedBy} is null while PROPOSED. The principals
 * are who proposed and who accepted, as they signed in (null for changes recorded before attribution existed).
 */
public record TermDefinition(String term,
                             String text,
                             DefinitionStatus status,
                             BusinessFunction proposedBy,
                             String proposedByPerson,
                             BusinessFunction agreedBy,
                             String agreedByPerson,
                             Actor proposedByPrincipal,
                             Actor agreedByPrincipal,
                             Instant since,
                             long sinceVersion) {

    public boolean agreed() {
        return status == DefinitionStatus.AGREED;
    }

    public boolean isTerm(String other) {
        return other != null && term.equalsIgnoreCase(other.strip());
    }
}

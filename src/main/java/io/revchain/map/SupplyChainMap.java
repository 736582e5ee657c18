package io.revchain.map;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A supply chain map: its definition and agreed terms. Every accepted change is one event and one new version. */
@Aggregate
class SupplyChainMap {

    /** Terms appear in URLs ({@code /definitions/{term}/accept}), so no slashes. */
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");

    @AggregateIdentifier
    private String id;
    private MapVersion state;

    SupplyChainMap() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MapVersion handle(DefineMap command) {
        MapDefinition next = MapRules.definition(command);
        if (state == null) {
            apply(MapDefined.of(command.mapId(), next));
        } else if (!next.equals(state.definition())) {
            apply(MapRevised.of(command.mapId(), next, MapChanges.between(state.definition(), next)));
        }
        return state;
    }

    /** The same rules and events as a whole document: the discovered stages merged into the current map. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MapVersion handle(AddDiscoveredStages command) {
        return handle(DiscoveredStages.merge(state == null ? null : state.definition(), command));
    }

    @CommandHandler
    TermDefinition handle(ProposeDefinition command) {
        List<FieldError> errors = new ArrayList<>();
        String term = MapRules.strip(command.term());
        if (term == null) {
            errors.add(MapRules.error("term", "definition-term-required", "name the term, such as MQL"));
        } else if (!TERM.matcher(term).matches()) {
            errors.add(MapRules.error("term", "definition-term-format",
                                      "use up to 64 letters, digits, spaces, '.', '_' or '-'"));
        }
        String text = MapRules.strip(command.text());
        if (text == null) {
            errors.add(MapRules.error("text", "definition-text-required", "write what the term means"));
        }
        Optional<BusinessFunction> function = function(command.function(), errors);
        String by = person(command.by(), errors);
        if (!errors.isEmpty()) {
            throw new MapRuleViolation(errors);
        }
        Optional<TermDefinition> current = state.term(term);
        if (current.isPresent() && current.get().text().equals(text)) {
            return current.get();
        }
        apply(new DefinitionProposed(command.mapId(), current.map(TermDefinition::term).orElse(term), text,
                                     function.orElseThrow(), by));
        return state.term(term).orElseThrow();
    }

    @CommandHandler
    TermDefinition handle(AcceptDefinition command) {
        List<FieldError> errors = new ArrayList<>();
        Optional<BusinessFunction> function = function(command.function(), errors);
        String by = person(command.by(), errors);
        if (!errors.isEmpty()) {
            throw new MapRuleViolation(errors);
        }
        TermDefinition current = state.term(command.term()).orElseThrow(() -> new NotFoundException(
                "definition-known: map " + command.mapId() + " has no definition of '" + command.term() + "'"));
        String text = MapRules.strip(command.text());
        if (text != null && !text.equals(current.text())) {
            throw MapRuleViolation.of("text", "definition-text-current",
                                      "'" + current.term() + "' now reads \"" + current.text()
                                              + "\"; agree to the current text");
        }
        // The proposer is refused before and after agreement alike: its "accept" would read as a second voice.
        if (function.orElseThrow() == current.proposedBy()) {
            throw MapRuleViolation.of("function", "definition-agreed-by-other-function",
                                      current.proposedBy() + " proposed this text; another function must agree to it");
        }
        if (current.agreed()) {
            return current;
        }
        apply(new DefinitionAgreed(command.mapId(), current.term(), current.text(), function.get(), by));
        return state.term(current.term()).orElseThrow();
    }

    private static Optional<BusinessFunction> function(String requested, List<FieldError> errors) {
        Optional<BusinessFunction> function = BusinessFunction.parse(requested);
        if (function.isEmpty()) {
            errors.add(MapRules.error("function", "function-valid", (requested == null ? "null" : "'" + requested
                    + "'") + " is not a function; use one of " + BusinessFunction.CHOICES));
        }
        return function;
    }

    private static String person(String requested, List<FieldError> errors) {
        String by = MapRules.strip(requested);
        if (by == null) {
            errors.add(MapRules.error("by", "person-required", "name the person acting for the function"));
        }
        return by;
    }

    @EventSourcingHandler
    void on(MapEvent event, @Timestamp Instant recordedAt, MetaData metaData) {
        if (state == null) {
            id = MapIds.aggregateId(event.mapId());
            state = MapVersion.initial(event.mapId());
        }
        state = state.apply(event, recordedAt, Actor.from(metaData).orElse(null));
    }
}

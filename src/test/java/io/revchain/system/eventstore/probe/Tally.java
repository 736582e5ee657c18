package io.revchain.system.eventstore.probe;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import io.revchain.system.eventstore.probe.ProbeMessages.AddToTally;
import io.revchain.system.eventstore.probe.ProbeMessages.TallyAdded;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.context.annotation.Profile;

@Aggregate
@Profile("probe")
class Tally {

    @AggregateIdentifier
    private String tallyId;
    private int total;

    Tally() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(AddToTally command) {
        if (command.amount() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        apply(new TallyAdded(command.tallyId(), command.amount(), total + command.amount()));
        return total;
    }

    @EventSourcingHandler
    void on(TallyAdded event) {
        tallyId = event.tallyId();
        total = event.total();
    }
}

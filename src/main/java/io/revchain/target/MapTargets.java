package io.revchain.target;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.chain.BusinessFunction;
import io.revchain.map.MapCatalog;
import io.revchain.map.MapView;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The targets of one map, quarter by quarter: each is proposed by one function and counts once another function
 * agrees to its exact figures. Every accepted change is one event and one version of the plan.
 */
@Aggregate
class MapTargets {

    @AggregateIdentifier
    private String id;
    private TargetPlan plan;

    MapTargets() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    TargetView handle(ProposeTarget command, MapCatalog maps) {
        MapView map = maps.current(command.mapId()).orElseThrow(() -> new NotFoundException(
                "target-map-known: there is no map '" + command.mapId() + "'"));
        List<FieldError> errors = new ArrayList<>();
        String quarter = TargetRules.quarter(command.quarter(), errors);
        TargetRules.revenue(command.revenue(), map.currency(), errors);
        TargetRules.count("mqls", command.mqls(), errors);
        TargetRules.count("sals", command.sals(), errors);
        Optional<BusinessFunction> function = TargetRules.function(command.function(), errors);
        String by = TargetRules.person(command.by(), errors);
        if (!errors.isEmpty()) {
            throw new TargetRuleViolation(errors);
        }
        Optional<TargetView> current = plan == null ? Optional.empty() : plan.quarter(quarter);
        if (current.isPresent() && TargetRules.sameFigures(command.revenue(), command.mqls(), command.sals(),
                                                           current.get())
                && Objects.equals(current.get().currency(), map.currency())) {
            return current.get();
        }
        apply(new TargetProposed(command.mapId(), quarter, command.revenue(), map.currency(), command.mqls(),
                                 command.sals(), function.orElseThrow(), by));
        return plan.quarter(quarter).orElseThrow();
    }

    @CommandHandler
    TargetView handle(AcceptTarget command) {
        List<FieldError> errors = new ArrayList<>();
        String quarter = TargetRules.quarter(command.quarter(), errors);
        Optional<BusinessFunction> function = TargetRules.function(command.function(), errors);
        String by = TargetRules.person(command.by(), errors);
        if (command.revenue() == null) {
            errors.add(TargetRuleViolation.error("revenue", "target-revenue-required",
                                                 "repeat the revenue figure you agree to"));
        }
        if (!errors.isEmpty()) {
            throw new TargetRuleViolation(errors);
        }
        TargetView current = plan.quarter(quarter).orElseThrow(() -> new NotFoundException(
                "target-known: map " + command.mapId() + " has no target proposed for " + quarter));
        if (!TargetRules.sameFigures(command.revenue(), command.mqls(), command.sals(), current)) {
            throw new TargetRuleViolation(List.of(TargetRuleViolation.error("revenue", "target-figures-current",
                    quarter + " is proposed as revenue " + current.revenue().toPlainString()
                            + (current.mqls() == null ? "" : ", " + current.mqls() + " MQLs")
                            + (current.sals() == null ? "" : ", " + current.sals() + " SALs")
                            + "; agree to exactly the current figures")));
        }
        if (current.agreed()) {
            return current;
        }
        if (function.orElseThrow() == current.proposedBy()) {
            throw new TargetRuleViolation(List.of(TargetRuleViolation.error("function",
                    "target-agreed-by-other-function", current.proposedBy()
                            + " proposed these figures; another function must agree to them")));
        }
        apply(new TargetAgreed(command.mapId(), quarter, current.revenue(), current.currency(), current.mqls(),
                               current.sals(), function.get(), by));
        return plan.quarter(quarter).orElseThrow();
    }

    @EventSourcingHandler
    void on(TargetEvent event, @Timestamp Instant recordedAt) {
        if (plan == null) {
            id = TargetIds.aggregateId(event.mapId());
            plan = TargetPlan.initial(event.mapId());
        }
        plan = plan.apply(event, recordedAt);
    }
}

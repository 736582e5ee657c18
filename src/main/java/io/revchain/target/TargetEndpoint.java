package io.revchain.target;

import io.revchain.chain.Actor;
import io.revchain.map.MapCatalog;
import io.revchain.system.Workloads;
import io.revchain.system.web.ActingAs;
import io.revchain.system.web.NotFoundException;
import io.revchain.system.web.PathVariables;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A map's quarterly targets over HTTP: list with history, propose, accept; on the read and write pools. */
@RestController
@RequestMapping("/api/maps/{mapId}/targets")
@Tag(name = "Targets", description = "A quarter's revenue target (and optionally MQL and SAL targets) for a map, "
        + "proposed by one function and agreed by another; the scorecard counts agreed targets (docs/api.md, "
        + "Revenue through the chain).")
@PathVariables({
        @Parameter(name = "mapId", description = "The map's id", example = "default"),
        @Parameter(name = "quarter", description = "A calendar quarter", example = "2025-Q3",
                   schema = @Schema(pattern = "^\\d{4}-?[Qq][1-4]$"))})
class TargetEndpoint {

    private final CommandGateway commands;
    private final TargetCatalog catalog;
    private final MapCatalog maps;
    private final Workloads workloads;

    TargetEndpoint(CommandGateway commands, TargetCatalog catalog, MapCatalog maps, Workloads workloads) {
        this.commands = commands;
        this.catalog = catalog;
        this.maps = maps;
        this.workloads = workloads;
    }

    /** The quarters' targets and every version of the plan, in one document. */
    record TargetsView(String mapId, List<TargetView> targets, List<TargetVersionView> history) {
    }

    /** Who acts: the caller's own function and name, as for definitions; a body naming others is refused (403). */
    private record Acting(String function, String by) {
    }

    private static Acting acting(Actor actor, String function, String by, String action) {
        return new Acting(ActingAs.function(actor, function, action).name(), ActingAs.person(actor, by, action));
    }

    @GetMapping
    @Operation(operationId = "getTargets", summary = "The map's targets",
               description = "Every quarter's targets (status, current and agreed figures, who proposed and who "
                       + "agreed) and every version of the plan.")
    Mono<TargetsView> targets(@PathVariable String mapId) {
        return read(mapId, () -> {
            if (maps.latestVersion(mapId).isEmpty()) {
                throw unknownMap(mapId);
            }
            return new TargetsView(mapId, catalog.targets(mapId), catalog.history(mapId));
        });
    }

    @PostMapping
    @Operation(operationId = "proposeTarget", summary = "Propose a quarter's targets",
               description = "Proposes the revenue target (and optionally MQL and SAL targets) of a quarter as the "
                       + "caller's own function and name; a new proposal for an agreed quarter starts a new "
                       + "agreement.")
    Mono<TargetView> propose(@PathVariable String mapId, @RequestBody ProposeTargetRequest body, Actor actor) {
        return write(mapId, () -> {
            Acting acting = acting(actor, body.function(), body.by(), "propose a target");
            return commands.sendAndWait(new ProposeTarget(mapId, body.quarter(), body.revenue(), body.mqls(),
                                                          body.sals(), acting.function(), acting.by()),
                                        MetaData.from(actor.metaData()));
        });
    }

    @PostMapping("/{quarter}/accept")
    @Operation(operationId = "acceptTarget", summary = "Agree to a quarter's targets",
               description = "Agrees to the proposed targets, repeating the exact figures, as the caller's own "
                       + "function and name; another function than the proposer's must agree.")
    Mono<TargetView> accept(@PathVariable String mapId, @PathVariable String quarter,
                            @RequestBody AcceptTargetRequest body, Actor actor) {
        return write(mapId, () -> {
            Acting acting = acting(actor, body.function(), body.by(), "accept a target");
            return commands.sendAndWait(new AcceptTarget(mapId, quarter, body.revenue(), body.mqls(), body.sals(),
                                                         acting.function(), acting.by()),
                                        MetaData.from(actor.metaData()));
        });
    }

    private static NotFoundException unknownMap(String mapId) {
        return new NotFoundException("target-map-known: there is no map '" + mapId + "'");
    }

    /** The sync Mongo driver blocks: on the read pool, off the event loop (503 when that pool is full). */
    private <T> Mono<T> read(String mapId, Callable<T> work) {
        return workloads.read(known(mapId, work));
    }

    /** Axon command handling blocks: on the write pool, off the event loop (503 when that pool is full). */
    private <T> Mono<T> write(String mapId, Callable<T> work) {
        return workloads.write(known(mapId, work));
    }

    private static <T> Callable<T> known(String mapId, Callable<T> work) {
        return () -> {
            try {
                return work.call();
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException("target-known: map " + mapId + " has no target proposed yet");
            }
        };
    }
}

package io.revchain.target;

import io.revchain.chain.Actor;
import io.revchain.map.MapCatalog;
import io.revchain.system.web.ActingAs;
import io.revchain.system.web.NotFoundException;
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
import reactor.core.scheduler.Schedulers;

/** A map's quarterly targets over HTTP: list with history, propose, accept. */
@RestController
@RequestMapping("/api/maps/{mapId}/targets")
class TargetEndpoint {

    private final CommandGateway commands;
    private final TargetCatalog catalog;
    private final MapCatalog maps;

    TargetEndpoint(CommandGateway commands, TargetCatalog catalog, MapCatalog maps) {
        this.commands = commands;
        this.catalog = catalog;
        this.maps = maps;
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
    Mono<TargetsView> targets(@PathVariable String mapId) {
        return blocking(mapId, () -> {
            if (maps.latestVersion(mapId).isEmpty()) {
                throw unknownMap(mapId);
            }
            return new TargetsView(mapId, catalog.targets(mapId), catalog.history(mapId));
        });
    }

    @PostMapping
    Mono<TargetView> propose(@PathVariable String mapId, @RequestBody ProposeTargetRequest body, Actor actor) {
        return blocking(mapId, () -> {
            Acting acting = acting(actor, body.function(), body.by(), "propose a target");
            return commands.sendAndWait(new ProposeTarget(mapId, body.quarter(), body.revenue(), body.mqls(),
                                                          body.sals(), acting.function(), acting.by()),
                                        MetaData.from(actor.metaData()));
        });
    }

    @PostMapping("/{quarter}/accept")
    Mono<TargetView> accept(@PathVariable String mapId, @PathVariable String quarter,
                            @RequestBody AcceptTargetRequest body, Actor actor) {
        return blocking(mapId, () -> {
            Acting acting = acting(actor, body.function(), body.by(), "accept a target");
            return commands.sendAndWait(new AcceptTarget(mapId, quarter, body.revenue(), body.mqls(), body.sals(),
                                                         acting.function(), acting.by()),
                                        MetaData.from(actor.metaData()));
        });
    }

    private static NotFoundException unknownMap(String mapId) {
        return new NotFoundException("target-map-known: there is no map '" + mapId + "'");
    }

    /** Axon command handling and the sync Mongo driver block: keep them off the event loop. */
    private static <T> Mono<T> blocking(String mapId, Callable<T> work) {
        return Mono.fromCallable(() -> {
            try {
                return work.call();
            } catch (AggregateNotFoundException e) {
                throw new NotFoundException("target-known: map " + mapId + " has no target proposed yet");
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}

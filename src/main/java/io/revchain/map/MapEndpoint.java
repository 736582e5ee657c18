package io.revchain.map;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Maps, their versions and their agreed definitions over HTTP. */
@RestController
@RequestMapping("/api/maps")
class MapEndpoint {

    private final CommandGateway commands;
    private final MapCatalog catalog;

    MapEndpoint(CommandGateway commands, MapCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    @GetMapping
    Mono<List<MapSummaryView>> maps() {
        return blocking(null, catalog::maps);
    }

    @PutMapping("/{mapId}")
    Mono<MapView> define(@PathVariable String mapId, @RequestBody DefineMapRequest body, Actor actor) {
        return blocking(mapId, () -> commands.<MapVersion>sendAndWait(
                new DefineMap(mapId, body.name(), body.stages(), body.handoffs(), body.currency(),
                              body.calendars()),
                MetaData.from(actor.metaData())).view());
    }

    @GetMapping("/{mapId}")
    Mono<MapView> current(@PathVariable String mapId) {
        return blocking(mapId, () -> catalog.current(mapId).orElseThrow(() -> unknownMap(mapId)));
    }

    @GetMapping("/{mapId}/versions")
    Mono<List<MapVersionView>> history(@PathVariable String mapId) {
        return blocking(mapId, () -> {
            List<MapVersionView> history = catalog.history(mapId);
            if (history.isEmpty()) {
                throw unknownMap(mapId);
            }
            return history;
        });
    }

    @GetMapping("/{mapId}/versions/{version}")
    Mono<MapView> version(@PathVariable String mapId, @PathVariable long version) {
        return blocking(mapId, () -> catalog.version(mapId, version).orElseThrow(() -> {
            long latest = catalog.latestVersion(mapId).orElseThrow(() -> unknownMap(mapId));
            return new NotFoundException("map " + mapId + " has no version " + version + "; versions are 1 to "
                                                 + latest);
        }));
    }

    @GetMapping("/{mapId}/definitions")
    Mono<List<TermDefinition>> definitions(@PathVariable String mapId) {
        return blocking(mapId, () -> catalog.current(mapId).orElseThrow(() -> unknownMap(mapId)).definitions());
    }

    /** Proposed as the caller's own function and name; a body naming others is refused (403). */
    @PostMapping("/{mapId}/definitions")
    Mono<TermDefinition> propose(@PathVariable String mapId, @RequestBody ProposeDefinitionRequest body,
                                 Actor actor) {
        return blocking(mapId, () -> {
            BusinessFunction function = ActingAs.function(actor, body.function(), "propose a definition");
            String by = ActingAs.person(actor, body.by(), "propose a definition");
            return commands.sendAndWait(new ProposeDefinition(mapId, body.term(), body.text(), function.name(), by),
                                        MetaData.from(actor.metaData()));
        });
    }

    /** Accepted as the caller's own function and name; a body naming others is refused (403). */
    @PostMapping("/{mapId}/definitions/{term}/accept")
    Mono<TermDefinition> accept(@PathVariable String mapId, @PathVariable String term,
                                @RequestBody(required = false) AcceptDefinitionRequest body, Actor actor) {
        AcceptDefinitionRequest request = body == null ? new AcceptDefinitionRequest(null, null, null) : body;
        return blocking(mapId, () -> {
            BusinessFunction function = ActingAs.function(actor, request.function(), "accept a definition");
            String by = ActingAs.person(actor, request.by(), "accept a definition");
            return commands.sendAndWait(new AcceptDefinition(mapId, term, request.text(), function.name(), by),
                                        MetaData.from(actor.metaData()));
        });
    }

    private static NotFoundException unknownMap(String mapId) {
        return new NotFoundException("map-known: there is no map '" + mapId + "'");
    }

    /** Axon command handling and the sync Mongo driver block: keep them off the event loop. */
    private static <T> Mono<T> blocking(String mapId, Callable<T> work) {
        return Mono.fromCallable(() -> {
            try {
                return work.call();
            } catch (AggregateNotFoundException e) {
                throw unknownMap(mapId);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}

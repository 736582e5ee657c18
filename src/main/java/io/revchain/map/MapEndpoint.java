package io.revchain.map;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Maps, their versions and their agreed definitions over HTTP; reads on the read pool, commands on the write pool. */
@RestController
@RequestMapping("/api/maps")
@Tag(name = "Maps and definitions", description = "The maps of the chain (stages, their owning function, entry "
        + "steps and SLAs, the handoffs between functions), every version of each, and the definitions of terms "
        + "(what counts as an MQL) that both functions agreed to (docs/api-maps.md).")
@PathVariables({
        @Parameter(name = "mapId", description = "The map's id: 1 to 64 letters, digits, '.', '_' or '-', starting "
                + "with a letter or digit", example = "default", schema = @Schema(pattern = "^" + MapIds.ID_PATTERN
                + "$")),
        @Parameter(name = "version", description = "A version of the map, from 1", example = "2"),
        @Parameter(name = "term", description = "The term a definition defines", example = "MQL")})
class MapEndpoint {

    private final CommandGateway commands;
    private final MapCatalog catalog;
    private final Workloads workloads;

    MapEndpoint(CommandGateway commands, MapCatalog catalog, Workloads workloads) {
        this.commands = commands;
        this.catalog = catalog;
        this.workloads = workloads;
    }

    @GetMapping
    @Operation(operationId = "listMaps", summary = "List the maps",
               description = "Every map with its name, latest version and when it was last revised.")
    Mono<List<MapSummaryView>> maps() {
        return read(null, catalog::maps);
    }

    @PutMapping("/{mapId}")
    @Operation(operationId = "defineMap", summary = "Define or revise a map",
               description = "Records a new version of the map: its stages in order (each with the owning function, "
                       + "the step types that enter it and an optional SLA in hours), the handoffs between functions "
                       + "and the currency of its amounts. The first PUT defines the map; each later one revises it, "
                       + "and earlier versions stay readable. Map rules are refused with 400 naming the rule.")
    Mono<MapView> define(@PathVariable String mapId, @RequestBody DefineMapRequest body, Actor actor) {
        return write(mapId, () -> commands.<MapVersion>sendAndWait(
                new DefineMap(mapId, body.name(), body.stages(), body.handoffs(), body.currency(),
                              body.calendars()),
                MetaData.from(actor.metaData())).view());
    }

    @GetMapping("/{mapId}")
    @Operation(operationId = "getMap", summary = "The map as it is now",
               description = "The latest version of the map with its stages, handoffs, definitions and who recorded "
                       + "it.")
    Mono<MapView> current(@PathVariable String mapId) {
        return read(mapId, () -> catalog.current(mapId).orElseThrow(() -> unknownMap(mapId)));
    }

    @GetMapping("/{mapId}/versions")
    @Operation(operationId = "listMapVersions", summary = "Every version of the map",
               description = "The map's versions, oldest first, each with when and by whom it was recorded.")
    Mono<List<MapVersionView>> history(@PathVariable String mapId) {
        return read(mapId, () -> {
            List<MapVersionView> history = catalog.history(mapId);
            if (history.isEmpty()) {
                throw unknownMap(mapId);
            }
            return history;
        });
    }

    @GetMapping("/{mapId}/versions/{version}")
    @Operation(operationId = "getMapVersion", summary = "One version of the map",
               description = "The map as that version recorded it; 404 names the versions there are.")
    Mono<MapView> version(@PathVariable String mapId, @PathVariable long version) {
        return read(mapId, () -> catalog.version(mapId, version).orElseThrow(() -> {
            long latest = catalog.latestVersion(mapId).orElseThrow(() -> unknownMap(mapId));
            return new NotFoundException("map " + mapId + " has no version " + version + "; versions are 1 to "
                                                 + latest);
        }));
    }

    @GetMapping("/{mapId}/definitions")
    @Operation(operationId = "listDefinitions", summary = "The map's definitions",
               description = "Every term's definition with its status (PROPOSED or AGREED), the text, which function "
                       + "proposed it and which agreed.")
    Mono<List<TermDefinition>> definitions(@PathVariable String mapId) {
        return read(mapId, () -> catalog.current(mapId).orElseThrow(() -> unknownMap(mapId)).definitions());
    }

    /** Proposed as the caller's own function and name; a body naming others is refused (403). */
    @PostMapping("/{mapId}/definitions")
    @Operation(operationId = "proposeDefinition", summary = "Propose a definition",
               description = "Proposes the text of a term as the caller's own function and name (function and by may "
                       + "be left out; naming others is refused with 403). A new text for an agreed term starts a "
                       + "new agreement.")
    Mono<TermDefinition> propose(@PathVariable String mapId, @RequestBody ProposeDefinitionRequest body,
                                 Actor actor) {
        return write(mapId, () -> {
            BusinessFunction function = ActingAs.function(actor, body.function(), "propose a definition");
            String by = ActingAs.person(actor, body.by(), "propose a definition");
            return commands.sendAndWait(new ProposeDefinition(mapId, body.term(), body.text(), function.name(), by),
                                        MetaData.from(actor.metaData()));
        });
    }

    /** Accepted as the caller's own function and name; a body naming others is refused (403). */
    @PostMapping("/{mapId}/definitions/{term}/accept")
    @Operation(operationId = "acceptDefinition", summary = "Accept a definition",
               description = "Agrees to the proposed text as the caller's own function and name; it counts as agreed "
                       + "only when another function than the proposer's accepts (400 "
                       + "definition-agreed-by-other-function otherwise). The body is optional; with text, it must "
                       + "be the text proposed.")
    Mono<TermDefinition> accept(@PathVariable String mapId, @PathVariable String term,
                                @RequestBody(required = false) AcceptDefinitionRequest body, Actor actor) {
        AcceptDefinitionRequest request = body == null ? new AcceptDefinitionRequest(null, null, null) : body;
        return write(mapId, () -> {
            BusinessFunction function = ActingAs.function(actor, request.function(), "accept a definition");
            String by = ActingAs.person(actor, request.by(), "accept a definition");
            return commands.sendAndWait(new AcceptDefinition(mapId, term, request.text(), function.name(), by),
                                        MetaData.from(actor.metaData()));
        });
    }

    private static NotFoundException unknownMap(String mapId) {
        return new NotFoundException("map-known: there is no map '" + mapId + "'");
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
                throw unknownMap(mapId);
            }
        };
    }
}

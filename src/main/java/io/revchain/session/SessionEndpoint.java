package io.revchain.session;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import io.revchain.system.Workloads;
import io.revchain.system.web.ActingAs;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import io.revchain.system.web.PathVariables;
import io.revchain.system.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Mapping sessions over HTTP; reads on the read pool, commands on the write pool. */
@RestController
@RequestMapping("/api/sessions")
@Tag(name = "Mapping sessions", description = "Sales and marketing in a room with the map on a projector: a "
        + "session records who took part, the decisions made (with the map versions they concern) and the action "
        + "items each function owes, until it is closed (docs/api-maps.md).")
@PathVariables({
        @Parameter(name = "sessionId", description = "The session's id: 1 to 64 letters, digits, '.', '_' or '-'",
                   example = "q3-review"),
        @Parameter(name = "itemId", description = "The action item's id within the session", example = "a1")})
class SessionEndpoint {

    private final CommandGateway commands;
    private final SessionQueries queries;
    private final SessionIndex index;
    private final Workloads workloads;
    private final Clock clock;

    SessionEndpoint(CommandGateway commands, SessionQueries queries, SessionIndex index, Workloads workloads,
                    ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.queries = queries;
        this.index = index;
        this.workloads = workloads;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping
    @Operation(operationId = "openSession", summary = "Open a mapping session",
               description = "Opens a session on a map with its title, facilitator and participants (each with their "
                       + "function). The id is the client's, so sending the same request again changes nothing.")
    Mono<SessionView> open(@RequestBody OpenSessionRequest body, Actor actor) {
        return write(body.sessionId(), () -> SessionView.of(commands.sendAndWait(new OpenMappingSession(
                body.sessionId(), body.mapId(), body.title(), body.facilitator(), body.participants()),
                MetaData.from(actor.metaData())), today()));
    }

    /** Sessions, newest first; {@code mapId} and {@code status=open|closed} narrow the list. */
    @GetMapping
    @Operation(operationId = "listSessions", summary = "List the mapping sessions",
               description = "Sessions newest first, each with its map, title, when it was opened and closed, and "
                       + "its counts of decisions and open action items: how a facilitator finds a session again.")
    @Parameter(in = ParameterIn.QUERY, name = "mapId", description = "Only the sessions on this map",
               example = "default", schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "status", description = "Only open or only closed sessions",
               example = "open", schema = @Schema(allowableValues = {"open", "closed"}))
    Mono<List<SessionSummaryView>> sessions(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        List<FieldError> errors = new ArrayList<>(QueryParameters.unknown(exchange));
        String mapId = query.getFirst("mapId");
        String status = query.getFirst("status");
        Boolean open = null;
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "open" -> open = true;
                case "closed" -> open = false;
                default -> errors.add(FieldError.of("status", "must be open or closed, was '" + status + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(new InvalidRequestException(errors));
        }
        Boolean wanted = open;
        return read(null, () -> index.list(mapId == null || mapId.isBlank() ? null : mapId.strip(), wanted));
    }

    @GetMapping("/{sessionId}")
    @Operation(operationId = "getSession", summary = "One mapping session",
               description = "The session with its participants, decisions and action items (each with its due date "
                       + "and whether it is overdue today).")
    Mono<SessionView> session(@PathVariable String sessionId) {
        return read(sessionId, () -> SessionView.of(
                queries.session(sessionId).orElseThrow(() -> unknownSession(sessionId)), today()));
    }

    @PostMapping("/{sessionId}/decisions")
    @Operation(operationId = "recordDecision", summary = "Record a decision",
               description = "Records a decision of the open session with the map versions it concerns. The decision "
                       + "id is the client's: sending it again changes nothing.")
    Mono<Decision> decide(@PathVariable String sessionId, @RequestBody DecisionRequest body, Actor actor) {
        return write(sessionId, () -> commands.sendAndWait(
                new RecordDecision(sessionId, body.decisionId(), body.text(), body.mapVersions()),
                MetaData.from(actor.metaData())));
    }

    @PostMapping("/{sessionId}/action-items")
    @Operation(operationId = "assignActionItem", summary = "Assign an action item",
               description = "Assigns an action item of the open session to an owner and the function that owes it "
                       + "(MARKETING, SALES, SERVICE or JOINT), with an optional due date. The item id is the "
                       + "client's: sending it again changes nothing.")
    Mono<ActionItemView> assign(@PathVariable String sessionId, @RequestBody ActionItemRequest body, Actor actor) {
        return write(sessionId, () -> ActionItemView.of(commands.sendAndWait(new AssignActionItem(
                sessionId, body.itemId(), body.text(), body.owner(), body.function(), body.due()),
                MetaData.from(actor.metaData())),
                                                           today()));
    }

    /** Completed as the caller's own function and name (function-bound); a body naming others is refused (403). */
    @PostMapping("/{sessionId}/action-items/{itemId}/complete")
    @Operation(operationId = "completeActionItem", summary = "Complete an action item",
               description = "Completes the item as the caller's own function and name, with an optional note: only "
                       + "the function that owes it may (any function for a JOINT item; 403 action-item-own-function "
                       + "otherwise). The body is optional.")
    Mono<ActionItemView> complete(@PathVariable String sessionId, @PathVariable String itemId,
                                  @RequestBody(required = false) CompleteActionItemRequest body, Actor actor) {
        CompleteActionItemRequest request = body == null ? new CompleteActionItemRequest(null, null, null) : body;
        return write(sessionId, () -> {
            BusinessFunction function = ActingAs.function(actor, request.function(), "complete an action item");
            String by = ActingAs.person(actor, request.by(), "complete an action item");
            return ActionItemView.of(commands.sendAndWait(
                    new CompleteActionItem(sessionId, itemId, by, request.note(), function),
                    MetaData.from(actor.metaData())),
                                     today());
        });
    }

    @PostMapping("/{sessionId}/close")
    @Operation(operationId = "closeSession", summary = "Close a mapping session",
               description = "Closes the session: its record is final, and no more decisions or action items are "
                       + "added (open items can still be completed).")
    Mono<SessionView> close(@PathVariable String sessionId, Actor actor) {
        return write(sessionId, () -> SessionView.of(
                commands.sendAndWait(new CloseMappingSession(sessionId), MetaData.from(actor.metaData())), today()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static NotFoundException unknownSession(String sessionId) {
        return new NotFoundException("session-known: there is no mapping session '" + sessionId + "'");
    }

    /** The sync Mongo driver blocks: on the read pool, off the event loop (503 when that pool is full). */
    private <T> Mono<T> read(String sessionId, Callable<T> work) {
        return workloads.read(known(sessionId, work));
    }

    /** Axon command handling blocks: on the write pool, off the event loop (503 when that pool is full). */
    private <T> Mono<T> write(String sessionId, Callable<T> work) {
        return workloads.write(known(sessionId, work));
    }

    private static <T> Callable<T> known(String sessionId, Callable<T> work) {
        return () -> {
            try {
                return work.call();
            } catch (AggregateNotFoundException e) {
                throw unknownSession(sessionId);
            }
        };
    }
}

package io.revchain.session;

import io.revchain.chain.Actor;
import io.revchain.chain.BusinessFunction;
import io.revchain.system.web.ActingAs;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
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
import reactor.core.scheduler.Schedulers;

/** Mapping sessions over HTTP. */
@RestController
@RequestMapping("/api/sessions")
class SessionEndpoint {

    private static final List<String> LIST_PARAMETERS = List.of("mapId", "status");

    private final CommandGateway commands;
    private final SessionQueries queries;
    private final SessionIndex index;
    private final Clock clock;

    SessionEndpoint(CommandGateway commands, SessionQueries queries, SessionIndex index,
                    ObjectProvider<Clock> clock) {
        this.commands = commands;
        this.queries = queries;
        this.index = index;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @PostMapping
    Mono<SessionView> open(@RequestBody OpenSessionRequest body, Actor actor) {
        return blocking(body.sessionId(), () -> SessionView.of(commands.sendAndWait(new OpenMappingSession(
                body.sessionId(), body.mapId(), body.title(), body.facilitator(), body.participants()),
                MetaData.from(actor.metaData())), today()));
    }

    /** Sessions, newest first; {@code mapId} and {@code status=open|closed} narrow the list. */
    @GetMapping
    Mono<List<SessionSummaryView>> sessions(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        List<FieldError> errors = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!LIST_PARAMETERS.contains(name)) {
                errors.add(FieldError.of(name, "unknown parameter; known: " + String.join(", ", LIST_PARAMETERS)));
            } else if (values.size() > 1) {
                errors.add(FieldError.of(name, "given " + values.size() + " times; give it once"));
            }
        });
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
        return blocking(null, () -> index.list(mapId == null || mapId.isBlank() ? null : mapId.strip(), wanted));
    }

    @GetMapping("/{sessionId}")
    Mono<SessionView> session(@PathVariable String sessionId) {
        return blocking(sessionId, () -> SessionView.of(
                queries.session(sessionId).orElseThrow(() -> unknownSession(sessionId)), today()));
    }

    @PostMapping("/{sessionId}/decisions")
    Mono<Decision> decide(@PathVariable String sessionId, @RequestBody DecisionRequest body, Actor actor) {
        return blocking(sessionId, () -> commands.sendAndWait(
                new RecordDecision(sessionId, body.decisionId(), body.text(), body.mapVersions()),
                MetaData.from(actor.metaData())));
    }

    @PostMapping("/{sessionId}/action-items")
    Mono<ActionItemView> assign(@PathVariable String sessionId, @RequestBody ActionItemRequest body, Actor actor) {
        return blocking(sessionId, () -> ActionItemView.of(commands.sendAndWait(new AssignActionItem(
                sessionId, body.itemId(), body.text(), body.owner(), body.function(), body.due()),
                MetaData.from(actor.metaData())),
                                                           today()));
    }

    @PostMapping("/{sessionId}/action-items/{itemId}/complete")
    /** Completed as the caller's own function and name (function-bound); a body naming others is refused (403). */
    Mono<ActionItemView> complete(@PathVariable String sessionId, @PathVariable String itemId,
                                  @RequestBody(required = false) CompleteActionItemRequest body, Actor actor) {
        CompleteActionItemRequest request = body == null ? new CompleteActionItemRequest(null, null, null) : body;
        return blocking(sessionId, () -> {
            BusinessFunction function = ActingAs.function(actor, request.function(), "complete an action item");
            String by = ActingAs.person(actor, request.by(), "complete an action item");
            return ActionItemView.of(commands.sendAndWait(
                    new CompleteActionItem(sessionId, itemId, by, request.note(), function),
                    MetaData.from(actor.metaData())),
                                     today());
        });
    }

    @PostMapping("/{sessionId}/close")
    Mono<SessionView> close(@PathVariable String sessionId, Actor actor) {
        return blocking(sessionId, () -> SessionView.of(
                commands.sendAndWait(new CloseMappingSession(sessionId), MetaData.from(actor.metaData())), today()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static NotFoundException unknownSession(String sessionId) {
        return new NotFoundException("session-known: there is no mapping session '" + sessionId + "'");
    }

    /** Axon command handling and the sync Mongo driver block: keep them off the event loop. */
    private static <T> Mono<T> blocking(String sessionId, Callable<T> work) {
        return Mono.fromCallable(() -> {
            try {
                return work.call();
            } catch (AggregateNotFoundException e) {
                throw unknownSession(sessionId);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}

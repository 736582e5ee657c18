package io.revchain.system;

import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import io.revchain.system.web.PathVariables;
import io.revchain.system.web.QueryParameters;
import io.revchain.system.web.ReadAnswers;
import io.revchain.system.web.Tabular;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Events projections could not handle and went past (docs/operations.md, Parked events): list them (JSON or CSV,
 * {@code state=parked|resolved|all}, default parked), read one, retry one after a fix. Administrative.
 */
@RestController
@RequestMapping("/api/admin/parked-events")
@Tag(name = "Operations", description = "Rebuilding the BI read models and the events projections parked because "
        + "they could not handle them (docs/operations.md, docs/read-models.md).")
@PathVariables(@Parameter(name = "id", description = "The parked event's id: the processor and the event",
                          example = "flow-read-model:6f1c2e0a-4b7d-4a53-9d55-2b1f0c7e9a11"))
class ParkedEventsEndpoint {

    private static final String STATE = "state";

    private final ParkedEvents parked;
    private final ParkedEventRetry retry;
    private final Workloads workloads;

    ParkedEventsEndpoint(ParkedEvents parked, ParkedEventRetry retry, Workloads workloads) {
        this.parked = parked;
        this.retry = retry;
        this.workloads = workloads;
    }

    @GetMapping
    @Operation(operationId = "listParkedEvents", summary = "Parked events",
               description = "Events a projection could not handle and went past, with the processor, the error and "
                       + "when; as JSON or CSV.")
    @Parameter(in = ParameterIn.QUERY, name = STATE, description = "Which: parked (default), resolved, or all",
               example = "all", schema = @Schema(allowableValues = {"parked", "resolved", "all"},
                                                 defaultValue = "parked"))
    @ReadAnswers(rows = ParkedEventView.class)
    Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return workloads.read(() -> {
            QueryParameters.refuseUnknown(exchange);
            String state = exchange.getRequest().getQueryParams().getFirst(STATE);
            ParkedEvents.State wanted;
            if (state == null || state.equalsIgnoreCase("parked")) {
                wanted = ParkedEvents.State.PARKED;
            } else if (state.equalsIgnoreCase("resolved")) {
                wanted = ParkedEvents.State.RESOLVED;
            } else if (state.equalsIgnoreCase("all")) {
                wanted = null;
            } else {
                throw new InvalidRequestException(STATE, "must be parked, resolved or all, was '" + state + "'");
            }
            return Tabular.respond(exchange, ParkedEventView.class, parked.list(wanted), "parked-events");
        });
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getParkedEvent", summary = "One parked event",
               description = "The parked event with its processor, error and state.")
    Mono<ParkedEventView> one(@PathVariable String id) {
        return workloads.read(() -> parked.find(id).orElseThrow(() -> new NotFoundException("No parked event " + id)));
    }

    @PostMapping("/{id}/retry")
    @Operation(operationId = "retryParkedEvent", summary = "Retry a parked event",
               description = "Hands the event to its projection again after a fix; it is resolved if the projection "
                       + "handles it now. 503 while the projection is busy with it.")
    Mono<ParkedEventView> retry(@PathVariable String id) {
        return workloads.write(() -> retry.retry(id));
    }
}

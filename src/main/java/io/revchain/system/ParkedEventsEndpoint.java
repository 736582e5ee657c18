package io.revchain.system;

import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import io.revchain.system.web.Tabular;
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
class ParkedEventsEndpoint {

    private final ParkedEvents parked;
    private final ParkedEventRetry retry;
    private final Workloads workloads;

    ParkedEventsEndpoint(ParkedEvents parked, ParkedEventRetry retry, Workloads workloads) {
        this.parked = parked;
        this.retry = retry;
        this.workloads = workloads;
    }

    @GetMapping
    Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return workloads.read(() -> {
            String state = exchange.getRequest().getQueryParams().getFirst("state");
            ParkedEvents.State wanted;
            if (state == null || state.equalsIgnoreCase("parked")) {
                wanted = ParkedEvents.State.PARKED;
            } else if (state.equalsIgnoreCase("resolved")) {
                wanted = ParkedEvents.State.RESOLVED;
            } else if (state.equalsIgnoreCase("all")) {
                wanted = null;
            } else {
                throw new InvalidRequestException("state", "must be parked, resolved or all, was '" + state + "'");
            }
            return Tabular.respond(exchange, ParkedEventView.class, parked.list(wanted), "parked-events");
        });
    }

    @GetMapping("/{id}")
    Mono<ParkedEventView> one(@PathVariable String id) {
        return workloads.read(() -> parked.find(id).orElseThrow(() -> new NotFoundException("No parked event " + id)));
    }

    @PostMapping("/{id}/retry")
    Mono<ParkedEventView> retry(@PathVariable String id) {
        return workloads.write(() -> retry.retry(id));
    }
}

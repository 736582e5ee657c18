package io.revchain.system.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals raised outside a controller (by a web filter, or before a handler was chosen) answer problem+json too,
 * ahead of Boot's default error page, which would answer its own JSON shape.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

    private final JsonMapper json;

    ProblemWebExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ResponseEntity<ProblemDetail> problem;
        if (error instanceof ResponseStatusException status) {
            problem = ProblemResponses.fromStatus(status, exchange);
        } else if (error instanceof InvalidRequestException invalid) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage(),
                                               invalid.errors());
        } else {
            problem = ProblemResponses.internalError(error);
        }
        ProblemDetail body = problem.getBody();
        if (body != null && body.getInstance() == null) {
            body.setInstance(exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
        }
        var response = exchange.getResponse();
        response.setStatusCode(problem.getStatusCode());
        response.getHeaders().putAll(problem.getHeaders());
        byte[] bytes = json.writeValueAsBytes(body);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

}

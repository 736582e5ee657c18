package io.revchain.step;

import io.revchain.chain.Actor;
import io.revchain.system.Workloads;
import io.revchain.system.web.FieldError;
import java.net.URI;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/steps}: a JSON array of steps, recorded all-or-nothing. See docs/api-steps.md. */
@RestController
class StepController {

    static final int MAX_BATCH = 10_000;

    private final StepIntake ingestion;
    private final Workloads workloads;

    StepController(StepIntake ingestion, Workloads workloads) {
        this.ingestion = ingestion;
        this.workloads = workloads;
    }

    // A Flux body is decoded element by element, so the codec's in-memory limit applies per step, not per batch,
    // and a malformed step is reported with its index.
    @PostMapping(path = "/api/steps", consumes = MediaType.APPLICATION_JSON_VALUE,
                 produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<StepBatchResult> record(@RequestBody(required = false) Flux<JsonNode> steps, Actor actor) {
        Flux<JsonNode> body = steps == null ? Flux.empty() : steps;
        return body.take(MAX_BATCH + 1L)
                    .collectList()
                    .flatMap(batch -> {
                        if (batch.size() > MAX_BATCH) {
                            return Mono.error(new StepBatchRejectedException(List.of(FieldError.of(
                                    "body", "a batch holds at most " + MAX_BATCH + " steps; split it"))));
                        }
                        return workloads.write(() -> {
                            StepJson.Decoded decoded = StepJson.decode(batch);
                            return ingestion.ingest(decoded.requests(), decoded.errors(), actor);
                        });
                    });
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Concurrent writes to the same "
                + "objects kept conflicting; nothing of the batch was stored. Retry it: steps are idempotent.");
        body.setTitle("Conflict");
        body.setType(URI.create("https://revchain.io/problems/409"));
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}

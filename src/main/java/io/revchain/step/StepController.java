package io.revchain.step;

import io.revchain.chain.Actor;
import io.revchain.system.Workloads;
import io.revchain.system.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** {@code POST /api/steps}: a JSON array of steps, recorded all-or-nothing. See docs/api-steps.md. */
@RestController
@Tag(name = "Steps", description = "Recording what happened along the chain: a JSON array of steps, each a fact "
        + "about a segment, a campaign or a journey, recorded all-or-nothing and idempotent by stepId "
        + "(docs/api-steps.md).")
class StepController {

    static final int MAX_BATCH = 10_000;
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final StepIntake ingestion;
    private final Workloads workloads;

    StepController(StepIntake ingestion, Workloads workloads) {
        this.ingestion = ingestion;
        this.workloads = workloads;
    }

    // The body is read whole, up to a limit that fits the largest batch, and parsed off the event loop: a strict
    // parse tells an empty or malformed body apart from an empty batch, and finds repeated keys anywhere in it.
    @PostMapping(path = "/api/steps", consumes = MediaType.APPLICATION_JSON_VALUE,
                 produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordSteps", summary = "Record steps",
               description = "A batch of at most 10,000 steps (32 MB) is recorded whole or not at all: one refused "
                       + "step refuses the batch with 400 naming its index, field and rule. A step whose stepId was "
                       + "recorded before is accepted again without effect, so a batch can be sent again safely. "
                       + "Late and partial histories are fine; only true contradictions are refused.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The steps, in any order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                               array = @ArraySchema(schema = @Schema(implementation = StepRequest.class),
                                                    maxItems = MAX_BATCH)))
    Mono<StepBatchResult> record(ServerHttpRequest request, Actor actor) {
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                              .map(buffer -> {
                                  byte[] bytes = new byte[buffer.readableByteCount()];
                                  buffer.read(bytes);
                                  DataBufferUtils.release(buffer);
                                  return bytes;
                              })
                              .onErrorMap(DataBufferLimitException.class, e -> new ResponseStatusException(
                                      HttpStatus.CONTENT_TOO_LARGE, "The body is larger than "
                                      + MAX_BODY_BYTES / (1024 * 1024) + " MB; split the batch"))
                              .defaultIfEmpty(new byte[0])
                              .flatMap(bytes -> workloads.write(() -> {
                                  StepJson.Decoded decoded = StepJson.read(bytes);
                                  if (decoded.requests().size() > MAX_BATCH) {
                                      throw new StepBatchRejectedException(List.of(FieldError.of(
                                              "body", "a batch holds at most " + MAX_BATCH + " steps; split it")));
                                  }
                                  return ingestion.ingest(decoded.requests(), decoded.errors(), actor);
                              }));
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

package io.revchain.analytics.visits;

import io.revchain.chain.Actor;
import io.revchain.system.Workloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Starts and follows a rebuild of the read models (docs/read-models.md). 409 problem+json while one runs. */
@RestController
@RequestMapping("/api/admin/rebuild")
@Tag(name = "Operations")
class RebuildEndpoint {

    private static final URI SELF = URI.create("/api/admin/rebuild");
    private static final Logger log = LoggerFactory.getLogger(RebuildEndpoint.class);

    private final ReadModelRebuild rebuild;
    private final Workloads workloads;

    RebuildEndpoint(ReadModelRebuild rebuild, Workloads workloads) {
        this.rebuild = rebuild;
        this.workloads = workloads;
    }

    @PostMapping
    @Operation(operationId = "startRebuild", summary = "Rebuild the BI read models",
               description = "Replays every event into a new generation of the read models while the current one "
                       + "keeps answering, and switches over when it has caught up (docs/read-models.md). 409 while "
                       + "a rebuild runs.")
    @ApiResponse(responseCode = "202", description = "Started; follow it at the Location",
                 headers = @Header(name = HttpHeaders.LOCATION, description = "/api/admin/rebuild",
                                   schema = @Schema(type = "string", format = "uri-reference")),
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = RebuildStatusView.class)))
    Mono<ResponseEntity<RebuildStatusView>> start(Actor actor) {
        return workloads.write(() -> {
            log.info("Read model rebuild requested by {}", actor.id());
            return ResponseEntity.accepted().location(SELF).body(rebuild.begin());
        });
    }

    @GetMapping
    @Operation(operationId = "getRebuildStatus", summary = "The rebuild's status",
               description = "The active generation, and the one being built with its progress, or the last "
                       + "rebuild's outcome.")
    Mono<RebuildStatusView> status() {
        return workloads.read(rebuild::status);
    }
}

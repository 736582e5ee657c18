package io.revchain.analytics.visits;

import io.revchain.system.Workloads;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Starts and follows a rebuild of the read models (docs/read-models.md). 409 problem+json while one runs. */
@RestController
@RequestMapping("/api/admin/rebuild")
class RebuildEndpoint {

    private static final URI SELF = URI.create("/api/admin/rebuild");

    private final ReadModelRebuild rebuild;
    private final Workloads workloads;

    RebuildEndpoint(ReadModelRebuild rebuild, Workloads workloads) {
        this.rebuild = rebuild;
        this.workloads = workloads;
    }

    @PostMapping
    Mono<ResponseEntity<RebuildStatusView>> start() {
        return workloads.write(() -> ResponseEntity.accepted().location(SELF).body(rebuild.begin()));
    }

    @GetMapping
    Mono<RebuildStatusView> status() {
        return workloads.read(rebuild::status);
    }
}

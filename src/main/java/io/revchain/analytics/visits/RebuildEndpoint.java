package io.revchain.analytics.visits;

import io.revchain.chain.Actor;
import io.revchain.system.Workloads;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(RebuildEndpoint.class);

    private final ReadModelRebuild rebuild;
    private final Workloads workloads;

    RebuildEndpoint(ReadModelRebuild rebuild, Workloads workloads) {
        this.rebuild = rebuild;
        this.workloads = workloads;
    }

    @PostMapping
    Mono<ResponseEntity<RebuildStatusView>> start(Actor actor) {
        return workloads.write(() -> {
            log.info("Read model rebuild requested by {}", actor.id());
            return ResponseEntity.accepted().location(SELF).body(rebuild.begin());
        });
    }

    @GetMapping
    Mono<RebuildStatusView> status() {
        return workloads.read(rebuild::status);
    }
}

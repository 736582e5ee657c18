package io.revchain.analytics.flow;

import io.revchain.analytics.FigureJourneys;
import io.revchain.analytics.JourneyDetailView;
import io.revchain.analytics.JourneyRowView;
import io.revchain.analytics.JourneysBehindView;
import io.revchain.map.DefineMapRequest;
import io.revchain.map.MapDefinition;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.Tabular;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Drill-down and what-if reads: the journeys behind a stage or transition figure (JSON with the figure's definition,
 * or CSV rows), one journey's steps, and the figures a draft map would give (stored nowhere). Definitions:
 * docs/metrics.md.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
class JourneyEndpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final JourneyReads reads;

    JourneyEndpoint(JourneyReads reads) {
        this.reads = reads;
    }

    @GetMapping("/stages/{stageId}/journeys")
    Mono<ResponseEntity<?>> behindStage(@PathVariable String mapId, @PathVariable String stageId,
                                        ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("figure", "limit"));
            FigureJourneys.StageFigure figure;
            try {
                figure = FigureJourneys.StageFigure.fromParameter(param(exchange, "figure"));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("figure", e.getMessage());
            }
            return respond(exchange, reads.behindStage(mapId, stageId, figure, p, limit(exchange)),
                           mapId + "-" + stageId + "-" + figure.field());
        });
    }

    @GetMapping("/transitions/{fromStage}/{toStage}/journeys")
    Mono<ResponseEntity<?>> behindTransition(@PathVariable String mapId, @PathVariable String fromStage,
                                             @PathVariable String toStage, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("limit"));
            return respond(exchange, reads.behindTransition(mapId, fromStage, toStage, p, limit(exchange)),
                           mapId + "-" + fromStage + "-" + toStage);
        });
    }

    @GetMapping("/journeys/{journeyId}")
    Mono<JourneyDetailView> journey(@PathVariable String mapId, @PathVariable String journeyId,
                                    ServerWebExchange exchange) {
        return blocking(() -> reads.journey(mapId, journeyId, jsonOnly(exchange, parameters(exchange, Set.of()))));
    }

    /** The flow document of a draft map for the window asked; the draft is checked like a PUT and not stored. */
    @PostMapping("/preview")
    Mono<FlowReads.Flow> preview(@PathVariable String mapId, @RequestBody DefineMapRequest draft,
                                 ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = jsonOnly(exchange, parameters(exchange, Set.of()));
            if (p.definitions() != FlowParameters.Definitions.CURRENT) {
                throw new InvalidRequestException("definitions", "a preview reads all history under the draft; "
                        + "leave definitions out");
            }
            return reads.preview(mapId, MapDefinition.check(mapId, draft), p);
        });
    }

    private static ResponseEntity<?> respond(ServerWebExchange exchange, JourneysBehindView view, String name) {
        if (Tabular.wantsCsv(exchange)) {
            return Tabular.respond(exchange, JourneyRowView.class, view.journeys(), name);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
    }

    private static FlowParameters parameters(ServerWebExchange exchange, Set<String> extra) {
        return FlowParameters.parse(exchange.getRequest().getQueryParams(), Instant.now(), extra);
    }

    /** One journey and a preview are documents, not rows: there is no CSV of them. */
    private static FlowParameters jsonOnly(ServerWebExchange exchange, FlowParameters p) {
        if (Tabular.wantsCsv(exchange)) {
            throw new InvalidRequestException("format", "this read answers JSON only; the journeys behind a figure "
                    + "are available as CSV");
        }
        return p;
    }

    private static String param(ServerWebExchange exchange, String name) {
        return exchange.getRequest().getQueryParams().getFirst(name);
    }

    private static int limit(ServerWebExchange exchange) {
        String value = param(exchange, "limit");
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was '"
                + value + "'");
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}

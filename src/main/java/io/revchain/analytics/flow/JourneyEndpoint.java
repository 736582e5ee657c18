package io.revchain.analytics.flow;

import io.revchain.analytics.FigureJourneys;
import io.revchain.analytics.JourneyDetailView;
import io.revchain.analytics.JourneyRowView;
import io.revchain.analytics.JourneysBehindView;
import io.revchain.map.DefineMapRequest;
import io.revchain.map.MapDefinition;
import io.revchain.system.Workloads;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.PathVariables;
import io.revchain.system.web.ReadAnswers;
import io.revchain.system.web.Tabular;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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

/**
 * Drill-down and what-if reads: the journeys behind a stage or transition figure (JSON with the figure's definition,
 * or CSV rows), one journey's steps, and the figures a draft map would give (stored nowhere). Definitions:
 * docs/metrics.md.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
@Tag(name = FlowEndpoint.TAG)
@PathVariables({
    @Parameter(name = "mapId", description = "The map's id: the lens of stages the journeys are read through",
               example = "default"),
    @Parameter(name = "stageId", description = "A stage of the map", example = "sal"),
    @Parameter(name = "fromStage", description = "The stage the transition leaves", example = "mql"),
    @Parameter(name = "toStage", description = "The stage the transition enters", example = "sal"),
    @Parameter(name = "journeyId", description = "One journey (a lead, an account's deal)", example = "lead-1042")})
class JourneyEndpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private static final String FIGURE = "figure";
    private static final String LIMIT = "limit";

    private final JourneyReads reads;
    private final Workloads workloads;

    JourneyEndpoint(JourneyReads reads, Workloads workloads) {
        this.reads = reads;
        this.workloads = workloads;
    }

    @GetMapping("/stages/{stageId}/journeys")
    @Operation(operationId = "getStageJourneys", summary = "The journeys behind a stage figure",
               description = "The journeys counted in one of the stage's figures for the window (first `limit`, "
                       + "oldest first), each with its hours for that figure, and the figure's definition "
                       + "(docs/metrics.md, section 24). CSV: the rows alone.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = FIGURE, description = "Which figure of the stage; default entered",
               example = "wipAtEnd", schema = @Schema(allowableValues = {"entered", "arrivals", "departures",
                                                                          "wipAtStart", "wipAtEnd", "slaBreaches"}))
    @Parameter(in = ParameterIn.QUERY, name = LIMIT, description = "How many journeys at most, 1 to " + MAX_LIMIT
            + "; default " + DEFAULT_LIMIT, example = "100", schema = @Schema(type = "integer", minimum = "1",
                                                                           maximum = "10000"))
    @ReadAnswers(documents = JourneysBehindView.class, rows = JourneyRowView.class)
    Mono<ResponseEntity<?>> behindStage(@PathVariable String mapId, @PathVariable String stageId,
                                        ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            FigureJourneys.StageFigure figure;
            try {
                figure = FigureJourneys.StageFigure.fromParameter(param(exchange, FIGURE));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(FIGURE, e.getMessage());
            }
            return respond(exchange, reads.behindStage(mapId, stageId, figure, p, limit(exchange)),
                           mapId + "-" + stageId + "-" + figure.field());
        });
    }

    @GetMapping("/transitions/{fromStage}/{toStage}/journeys")
    @Operation(operationId = "getTransitionJourneys", summary = "The journeys behind a transition",
               description = "The journeys that moved directly from one stage to the other in the window (first "
                       + "`limit`), each with the hours the move took, and the figure's definition "
                       + "(docs/metrics.md, section 24). CSV: the rows alone.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = LIMIT, description = "How many journeys at most, 1 to " + MAX_LIMIT
            + "; default " + DEFAULT_LIMIT, example = "100", schema = @Schema(type = "integer", minimum = "1",
                                                                           maximum = "10000"))
    @ReadAnswers(documents = JourneysBehindView.class, rows = JourneyRowView.class)
    Mono<ResponseEntity<?>> behindTransition(@PathVariable String mapId, @PathVariable String fromStage,
                                             @PathVariable String toStage, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            return respond(exchange, reads.behindTransition(mapId, fromStage, toStage, p, limit(exchange)),
                           mapId + "-" + fromStage + "-" + toStage);
        });
    }

    @GetMapping("/journeys/{journeyId}")
    @Operation(operationId = "getJourney", summary = "One journey's steps through the map",
               description = "Every step of one journey under the cut asked (asOf, knownAt), with the stage each "
                       + "step puts it in. JSON only.")
    @MapRead
    Mono<JourneyDetailView> journey(@PathVariable String mapId, @PathVariable String journeyId,
                                    ServerWebExchange exchange) {
        return blocking(() -> reads.journey(mapId, journeyId, jsonOnly(exchange, parameters(exchange))));
    }

    /** The flow document of a draft map for the window asked; the draft is checked like a PUT and not stored. */
    @PostMapping("/preview")
    @Operation(operationId = "previewMap", summary = "The figures a draft map would give (what-if)",
               description = "Checks the draft like PUT /api/maps/{mapId} and answers the flow document it would "
                       + "give for the window asked, stored nowhere. JSON only; definitions is not accepted.")
    @MapRead
    Mono<FlowReads.Flow> preview(@PathVariable String mapId, @RequestBody DefineMapRequest draft,
                                 ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = jsonOnly(exchange, parameters(exchange));
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

    private static FlowParameters parameters(ServerWebExchange exchange) {
        return FlowParameters.parse(exchange, Instant.now());
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
        String value = param(exchange, LIMIT);
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
        throw new InvalidRequestException(LIMIT, "must be a whole number from 1 to " + MAX_LIMIT + ", was '"
                + value + "'");
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return workloads.read(work);
    }
}

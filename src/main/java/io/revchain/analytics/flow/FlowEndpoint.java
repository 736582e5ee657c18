package io.revchain.analytics.flow;

import io.revchain.analytics.ConversionView;
import io.revchain.analytics.FeedbackLoopView;
import io.revchain.analytics.FrameView;
import io.revchain.analytics.LeadRejectionView;
import io.revchain.analytics.StageView;
import io.revchain.analytics.TransitionView;
import io.revchain.analytics.VariantView;
import io.revchain.analytics.Window;
import io.revchain.system.Workloads;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.PathVariables;
import io.revchain.system.web.QueryParameters;
import io.revchain.system.web.ReadAnswers;
import io.revchain.system.web.Tabular;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The end-to-end map and its bottlenecks for BI tools: JSON, or flat CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}. Every figure is defined in docs/metrics.md. Each read takes the parameters its
 * {@link MapRead} and {@code @Parameter} annotations declare, and no other.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
@Tag(name = FlowEndpoint.TAG, description = "The end-to-end map and its bottlenecks: stages, transitions (the "
        + "directly-follows graph), conversions, the feedback loop, two windows compared, and a replay. Every read "
        + "takes a window (quarter or from/to), the asOf and knownAt cuts, filters and groupBy; figures are defined "
        + "in docs/metrics.md, hours rounded to 0.001 and rates to 0.0001.")
@PathVariables(@Parameter(name = "mapId", description = "The map's id: the lens of stages the journeys are read "
        + "through", example = "default"))
class FlowEndpoint {

    static final String TAG = "Map reads";
    private static final String PART = "part";

    private static final Set<String> GROUP_COLUMN = Set.of("group");
    private static final Set<String> TABULAR = Set.of("json", "csv");
    private static final Set<String> JSON_ONLY = Set.of("json");
    /** {@code calendar=<id>}: durations in working time under that calendar of the map (docs/metrics.md). */
    private static final String CALENDAR = "calendar";
    private static final String CALENDAR_DOC = "Measure durations in working time under this calendar of the map "
            + "(its working days, hours, time zone and holidays); default: elapsed time";

    /** The longest pause between replay frames: a mapping session watches, it does not wait. */
    static final Duration MAX_PACE = Duration.ofSeconds(10);

    private final FlowReads reads;
    private final Workloads workloads;

    FlowEndpoint(FlowReads reads, Workloads workloads) {
        this.reads = reads;
        this.workloads = workloads;
    }

    @GetMapping("/stages")
    @Operation(operationId = "getStages", summary = "Stages and their bottlenecks",
               description = "One row per stage (per group with groupBy): arrivals, departures, WIP at the window's "
                       + "start and end, dwell mean, median and p90 in hours, the SLA and its breaches, and the "
                       + "bottleneck rank by total dwell (docs/metrics.md, stages).")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = CALENDAR, description = CALENDAR_DOC, example = "emea-sales",
               schema = @Schema(type = "string"))
    @ReadAnswers(rows = StageView.class)
    Mono<ResponseEntity<?>> stages(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            return Tabular.respond(exchange, StageView.class, reads.stages(mapId, p, calendar(exchange)),
                                   mapId + "-stages",
                                   omitGroup(p));
        });
    }

    @GetMapping("/transitions")
    @Operation(operationId = "getTransitions", summary = "Transitions between stages (directly-follows)",
               description = "One row per pair of stages one journey went through one after the other: count, mean, "
                       + "median and p90 hours between them, and whether it is a handoff between functions "
                       + "(docs/metrics.md, transitions).")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = CALENDAR, description = CALENDAR_DOC, example = "emea-sales",
               schema = @Schema(type = "string"))
    @ReadAnswers(rows = TransitionView.class)
    Mono<ResponseEntity<?>> transitions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            return Tabular.respond(exchange, TransitionView.class,
                                   reads.transitions(mapId, p, calendar(exchange)),
                                   mapId + "-transitions", omitGroup(p));
        });
    }

    @GetMapping("/conversions")
    @Operation(operationId = "getConversions", summary = "Conversion between stages",
               description = "One row per pair (A, B), B after A in the map's order: the cohort that reached A in "
                       + "the window, how many of them reached B, and the rate (docs/metrics.md, conversions).")
    @MapRead
    @ReadAnswers(rows = ConversionView.class)
    Mono<ResponseEntity<?>> conversions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            return Tabular.respond(exchange, ConversionView.class, reads.conversions(mapId, p),
                                   mapId + "-conversions", omitGroup(p));
        });
    }

    /**
     * The most frequent paths through the map of the journeys that entered it in the window; {@code limit} keeps the
     * first n per group. CSV leaves out the {@code stages} list: {@code variant} has the same stages as text.
     */
    @GetMapping("/variants")
    @Operation(operationId = "getVariants", summary = "Variants: the most frequent paths through the map",
               description = "One row per path (sequence of stages) of the journeys that entered the map in the "
                       + "window, most frequent first: count, share, how many ended, median and mean throughput "
                       + "hours (docs/metrics.md, variants). CSV carries the path as text in variant.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = "limit", description = "Keep the most frequent n paths of each group "
            + "(default all); shares stay relative to all the group's journeys", example = "10",
               schema = @Schema(type = "integer", minimum = "1"))
    @ReadAnswers(rows = VariantView.class)
    Mono<ResponseEntity<?>> variants(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            Integer limit = limit(exchange);
            Set<String> omitted = new HashSet<>(omitGroup(p));
            omitted.add("stages");
            return Tabular.respond(exchange, VariantView.class, reads.variants(mapId, p, limit), mapId + "-variants",
                                   omitted);
        });
    }

    /** The three tables in one JSON document; JSON only. */
    @GetMapping("/flow")
    @Operation(operationId = "getFlow", summary = "Stages, transitions and conversions in one document",
               description = "The three tables of one window in one JSON document, with the map version they were "
                       + "read under. JSON only: each table is available as CSV at its own read.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = CALENDAR, description = CALENDAR_DOC, example = "emea-sales",
               schema = @Schema(type = "string"))
    Mono<ResponseEntity<FlowReads.Flow>> flow(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, JSON_ONLY);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                                 .body(reads.flow(mapId, p, calendar(exchange)));
        });
    }

    /**
     * The whole loop as one JSON document; {@code part=feedbackBySegment|feedbackByCampaign|rejections} answers that
     * table alone, as JSON rows or CSV (CSV without {@code part}: the first table).
     */
    @GetMapping("/loop")
    @Operation(operationId = "getLoop", summary = "The feedback loop",
               description = "Service feedback recorded and actioned, by segment and by campaign, and the leads "
                       + "sales rejected, by campaign and reason: the loop back to marketing (docs/metrics.md, "
                       + "feedback loop). Without part: one JSON document with the three tables.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = PART, description = "One table alone, as JSON rows or CSV (CSV "
            + "without part: feedbackBySegment)", example = "rejections",
               schema = @Schema(allowableValues = {"feedbackBySegment", "feedbackByCampaign", "rejections"}))
    @ReadAnswers(documents = FlowReads.Loop.class, rows = {FeedbackLoopView.class, LeadRejectionView.class})
    Mono<ResponseEntity<?>> loop(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            String part = part(exchange, "feedbackBySegment", "feedbackByCampaign", "rejections");
            FlowReads.Loop loop = reads.loop(mapId, p);
            if (part == null && !Tabular.wantsCsv(exchange)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(loop);
            }
            String chosen = part == null ? "feedbackBySegment" : part;
            return switch (chosen) {
                case "feedbackByCampaign" -> Tabular.respond(exchange, FeedbackLoopView.class,
                                                             loop.feedbackByCampaign(), mapId + "-loop-" + chosen);
                case "rejections" -> Tabular.respond(exchange, LeadRejectionView.class, loop.rejections(),
                                                     mapId + "-loop-" + chosen);
                default -> Tabular.respond(exchange, FeedbackLoopView.class, loop.feedbackBySegment(),
                                           mapId + "-loop-" + chosen);
            };
        });
    }

    /** Two windows side by side; {@code part=stages|transitions} answers one table (CSV without part: stages). */
    @GetMapping("/compare")
    @Operation(operationId = "compareWindows", summary = "Two windows side by side",
               description = "Per stage both windows' figures and the change b − a; per transition both windows' "
                       + "counts and median hours. Did the new SLA move the bottleneck? Without part: one JSON "
                       + "document with both tables.")
    @MapRead(compare = MapRead.Comparison.REQUIRED)
    @Parameter(in = ParameterIn.QUERY, name = CALENDAR, description = CALENDAR_DOC, example = "emea-sales",
               schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = PART, description = "One table alone, as JSON rows or CSV (CSV "
            + "without part: stages)", example = "transitions",
               schema = @Schema(allowableValues = {"stages", "transitions"}))
    @ReadAnswers(documents = FlowReads.Comparison.class,
                 rows = {StageComparisonView.class, TransitionComparisonView.class})
    Mono<ResponseEntity<?>> compare(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, TABULAR);
            String part = part(exchange, "stages", "transitions");
            List<FieldError> errors = new ArrayList<>();
            Window a = FlowParameters.window(exchange.getRequest().getQueryParams().getFirst("a"), "a", errors);
            Window b = FlowParameters.window(exchange.getRequest().getQueryParams().getFirst("b"), "b", errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            FlowReads.Comparison comparison = reads.compare(mapId, p, a, b, calendar(exchange));
            if (part == null && !Tabular.wantsCsv(exchange)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(comparison);
            }
            return "transitions".equals(part)
                    ? Tabular.respond(exchange, TransitionComparisonView.class, comparison.transitions(),
                                      mapId + "-compare-transitions", omitGroup(p))
                    : Tabular.respond(exchange, StageComparisonView.class, comparison.stages(),
                                      mapId + "-compare-stages", omitGroup(p));
        });
    }

    /**
     * The window replayed as server-sent events, one frame per {@code step} (ISO-8601 duration, default P1D); an
     * optional {@code pace} (e.g. PT0.5S, at most {@link #MAX_PACE}) spaces the frames for watching in a mapping
     * session. A comment opens the stream at once, so the client has the headers before the first paced frame.
     * Frames are produced as the client consumes them and the stream ends when the client goes away.
     */
    @GetMapping(path = "/replay", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "replayWindow", summary = "Replay the window as server-sent events",
               description = "The window replayed one step at a time: a comment line opens the stream at once, then "
                       + "one event 'frame' per step (id: its index, data: a FrameView as JSON) with per-stage "
                       + "arrivals, departures and WIP at the step's end and the transitions completed in it. With "
                       + "pace, the frames are spaced for watching in a mapping session. Needs a window start (from "
                       + "or quarter); cannot be grouped.")
    @MapRead
    @Parameter(in = ParameterIn.QUERY, name = CALENDAR, description = CALENDAR_DOC, example = "emea-sales",
               schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "step", description = "The length of a frame, an ISO-8601 duration; "
            + "default P1D", example = "P1D", schema = @Schema(type = "string", format = "duration",
                                                                 defaultValue = "P1D"))
    @Parameter(in = ParameterIn.QUERY, name = "pace", description = "A pause between frames, an ISO-8601 duration "
            + "of at most PT10S; default none (as fast as the client reads)", example = "PT0.5S",
               schema = @Schema(type = "string", format = "duration"))
    @ApiResponse(responseCode = "200", description = "A text/event-stream of frame events, each a FrameView as JSON",
                 content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                    schema = @Schema(implementation = FrameView.class)))
    Flux<ServerSentEvent<FrameView>> replay(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of());
            Duration step = duration(exchange, "step", Duration.ofDays(1));
            Duration pace = duration(exchange, "pace", Duration.ZERO);
            if (pace.compareTo(MAX_PACE) > 0) {
                throw new InvalidRequestException("pace", "must be at most " + MAX_PACE + " between frames, was "
                        + pace);
            }
            return new Replay(reads.frames(mapId, p, step, calendar(exchange)), pace);
        }).flatMapMany(replay -> {
            Flux<ServerSentEvent<FrameView>> frames = Flux.fromIterable(replay.frames())
                    .map(frame -> ServerSentEvent.builder(frame).id(Integer.toString(frame.index())).event("frame")
                                                 .build());
            ServerSentEvent<FrameView> opening = ServerSentEvent.<FrameView>builder()
                    .comment(replay.frames().size() + " frames").build();
            return Flux.concat(Flux.just(opening),
                               replay.pace().isZero() ? frames : frames.delayElements(replay.pace()));
        });
    }

    private record Replay(List<FrameView> frames, Duration pace) {
    }

    private static FlowParameters parameters(ServerWebExchange exchange, Set<String> formats) {
        var query = exchange.getRequest().getQueryParams();
        String format = query.getFirst(QueryParameters.FORMAT);
        if (format != null && !formats.contains(format.toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("format", formats.isEmpty()
                    ? "this read answers text/event-stream only; leave format out"
                    : "must be " + String.join(" or ", new TreeSet<>(formats)) + ", was '" + format + "'");
        }
        FlowParameters p = FlowParameters.parse(exchange, Instant.now());
        if (formats.equals(JSON_ONLY) && Tabular.wantsCsv(exchange)) {
            throw new InvalidRequestException("format", "this read answers JSON only; stages, transitions and "
                    + "conversions are each available as CSV");
        }
        return p;
    }

    /** The calendar a read measures in, or null for calendar time; blank counts as not given. */
    private static String calendar(ServerWebExchange exchange) {
        String value = exchange.getRequest().getQueryParams().getFirst(CALENDAR);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Set<String> omitGroup(FlowParameters p) {
        return p.groupBy() == null ? GROUP_COLUMN : Set.of();
    }

    private static Integer limit(ServerWebExchange exchange) {
        String value = exchange.getRequest().getQueryParams().getFirst("limit");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a whole number of at least 1, was '" + value + "'");
    }

    /** The requested part, or null when none was asked for. */
    private static String part(ServerWebExchange exchange, String... allowed) {
        String part = exchange.getRequest().getQueryParams().getFirst(PART);
        if (part == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(part)) {
                return candidate;
            }
        }
        throw new InvalidRequestException(PART, "must be one of " + String.join(", ", allowed) + ", was '"
                + part + "'");
    }

    private static Duration duration(ServerWebExchange exchange, String name, Duration fallback) {
        String value = exchange.getRequest().getQueryParams().getFirst(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || (duration.isZero() && "step".equals(name))) {
                throw new InvalidRequestException(name, "must be a positive ISO-8601 duration such as P1D");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRequestException(name, "must be an ISO-8601 duration such as P1D or PT12H, was '"
                    + value + "'");
        }
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return workloads.read(work);
    }
}

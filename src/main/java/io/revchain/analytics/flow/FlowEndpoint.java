package io.revchain.analytics.flow;

import io.revchain.analytics.ConversionView;
import io.revchain.analytics.FeedbackLoopView;
import io.revchain.analytics.FrameView;
import io.revchain.analytics.LeadRejectionView;
import io.revchain.analytics.StageView;
import io.revchain.analytics.TransitionView;
import io.revchain.analytics.Window;
import io.revchain.system.Workloads;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.Tabular;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * {@code ?format=csv}. Every figure is defined in docs/metrics.md.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
class FlowEndpoint {

    private static final Set<String> GROUP_COLUMN = Set.of("group");
    private static final Set<String> TABULAR = Set.of("json", "csv");
    private static final Set<String> JSON_ONLY = Set.of("json");
    /** {@code calendar=<id>}: durations in working time under that calendar of the map (docs/metrics.md, 24). */
    private static final String CALENDAR = "calendar";
    private static final Set<String> MEASURED = Set.of(CALENDAR);

    /** The longest pause between replay frames: a mapping session watches, it does not wait. */
    static final Duration MAX_PACE = Duration.ofSeconds(10);

    private final FlowReads reads;
    private final Workloads workloads;

    FlowEndpoint(FlowReads reads, Workloads workloads) {
        this.reads = reads;
        this.workloads = workloads;
    }

    @GetMapping("/stages")
    Mono<ResponseEntity<?>> stages(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, MEASURED, TABULAR);
            return Tabular.respond(exchange, StageView.class, reads.stages(mapId, p, calendar(exchange)),
                                   mapId + "-stages",
                                   omitGroup(p));
        });
    }

    @GetMapping("/transitions")
    Mono<ResponseEntity<?>> transitions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, MEASURED, TABULAR);
            return Tabular.respond(exchange, TransitionView.class, reads.transitions(mapId, p, calendar(exchange)),
                                   mapId + "-transitions", omitGroup(p));
        });
    }

    @GetMapping("/conversions")
    Mono<ResponseEntity<?>> conversions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of(), TABULAR);
            return Tabular.respond(exchange, ConversionView.class, reads.conversions(mapId, p),
                                   mapId + "-conversions", omitGroup(p));
        });
    }

    /** The three tables in one JSON document; JSON only. */
    @GetMapping("/flow")
    Mono<ResponseEntity<FlowReads.Flow>> flow(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, MEASURED, JSON_ONLY);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                                 .body(reads.flow(mapId, p, calendar(exchange)));
        });
    }

    /**
     * The whole loop as one JSON document; {@code part=feedbackBySegment|feedbackByCampaign|rejections} answers that
     * table alone, as JSON rows or CSV (CSV without {@code part}: the first table).
     */
    @GetMapping("/loop")
    Mono<ResponseEntity<?>> loop(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("part"), TABULAR);
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
    Mono<ResponseEntity<?>> compare(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("a", "b", "part", CALENDAR), TABULAR);
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
    Flux<ServerSentEvent<FrameView>> replay(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("step", "pace", CALENDAR), Set.of());
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

    private static FlowParameters parameters(ServerWebExchange exchange, Set<String> extra, Set<String> formats) {
        var query = exchange.getRequest().getQueryParams();
        FlowParameters p = FlowParameters.parse(query, Instant.now(), extra);
        String format = query.getFirst("format");
        if (format != null && !formats.contains(format.toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("format", formats.isEmpty()
                    ? "this read answers text/event-stream only; leave format out"
                    : "must be " + String.join(" or ", new TreeSet<>(formats)) + ", was '" + format + "'");
        }
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

    /** The requested part, or null when none was asked for. */
    private static String part(ServerWebExchange exchange, String... allowed) {
        String part = exchange.getRequest().getQueryParams().getFirst("part");
        if (part == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(part)) {
                return candidate;
            }
        }
        throw new InvalidRequestException("part", "must be one of " + String.join(", ", allowed) + ", was '"
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

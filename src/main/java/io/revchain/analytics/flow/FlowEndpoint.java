package io.revchain.analytics.flow;

import io.revchain.analytics.ConversionView;
import io.revchain.analytics.FeedbackLoopView;
import io.revchain.analytics.FrameView;
import io.revchain.analytics.LeadRejectionView;
import io.revchain.analytics.StageView;
import io.revchain.analytics.TransitionView;
import io.revchain.analytics.VariantView;
import io.revchain.analytics.Window;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.Tabular;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import reactor.core.scheduler.Schedulers;

/**
 * The end-to-end map and its bottlenecks for BI tools: JSON, or flat CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}. Every figure is defined in docs/metrics.md.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
class FlowEndpoint {

    private static final Set<String> GROUP_COLUMN = Set.of("group");

    private final FlowReads reads;

    FlowEndpoint(FlowReads reads) {
        this.reads = reads;
    }

    @GetMapping("/stages")
    Mono<ResponseEntity<?>> stages(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of());
            return Tabular.respond(exchange, StageView.class, reads.stages(mapId, p), mapId + "-stages",
                                   omitGroup(p));
        });
    }

    @GetMapping("/transitions")
    Mono<ResponseEntity<?>> transitions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of());
            return Tabular.respond(exchange, TransitionView.class, reads.transitions(mapId, p),
                                   mapId + "-transitions", omitGroup(p));
        });
    }

    @GetMapping("/conversions")
    Mono<ResponseEntity<?>> conversions(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of());
            return Tabular.respond(exchange, ConversionView.class, reads.conversions(mapId, p),
                                   mapId + "-conversions", omitGroup(p));
        });
    }

    /**
     * The most frequent paths through the map of the journeys that entered it in the window; {@code limit} keeps the
     * first n per group. CSV leaves out the {@code stages} list: {@code variant} has the same stages as text.
     */
    @GetMapping("/variants")
    Mono<ResponseEntity<?>> variants(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("limit"));
            Integer limit = limit(exchange);
            Set<String> omitted = new HashSet<>(omitGroup(p));
            omitted.add("stages");
            return Tabular.respond(exchange, VariantView.class, reads.variants(mapId, p, limit), mapId + "-variants",
                                   omitted);
        });
    }

    @GetMapping("/flow")
    Mono<FlowReads.Flow> flow(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> reads.flow(mapId, parameters(exchange, Set.of())));
    }

    /** JSON: the whole loop; CSV: one part, {@code part=feedbackBySegment|feedbackByCampaign|rejections}. */
    @GetMapping("/loop")
    Mono<ResponseEntity<?>> loop(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("part"));
            FlowReads.Loop loop = reads.loop(mapId, p);
            if (!Tabular.wantsCsv(exchange)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(loop);
            }
            String part = part(exchange, "feedbackBySegment", "feedbackByCampaign", "rejections");
            return switch (part) {
                case "feedbackByCampaign" -> Tabular.respond(exchange, FeedbackLoopView.class,
                                                             loop.feedbackByCampaign(), mapId + "-loop-" + part);
                case "rejections" -> Tabular.respond(exchange, LeadRejectionView.class, loop.rejections(),
                                                     mapId + "-loop-" + part);
                default -> Tabular.respond(exchange, FeedbackLoopView.class, loop.feedbackBySegment(),
                                           mapId + "-loop-" + part);
            };
        });
    }

    /** Two windows side by side; CSV: {@code part=stages|transitions}. */
    @GetMapping("/compare")
    Mono<ResponseEntity<?>> compare(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("a", "b", "part"));
            List<FieldError> errors = new ArrayList<>();
            Window a = FlowParameters.window(exchange.getRequest().getQueryParams().getFirst("a"), "a", errors);
            Window b = FlowParameters.window(exchange.getRequest().getQueryParams().getFirst("b"), "b", errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            FlowReads.Comparison comparison = reads.compare(mapId, p, a, b);
            if (!Tabular.wantsCsv(exchange)) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(comparison);
            }
            return "transitions".equals(part(exchange, "stages", "transitions"))
                    ? Tabular.respond(exchange, TransitionComparisonView.class, comparison.transitions(),
                                      mapId + "-compare-transitions", omitGroup(p))
                    : Tabular.respond(exchange, StageComparisonView.class, comparison.stages(),
                                      mapId + "-compare-stages", omitGroup(p));
        });
    }

    /**
     * The window replayed as server-sent events, one frame per {@code step} (ISO-8601 duration, default P1D); an
     * optional {@code pace} (e.g. PT0.5S) spaces the frames for watching in a mapping session. Frames are produced
     * as the client consumes them and the stream ends when the client goes away.
     */
    @GetMapping(path = "/replay", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<FrameView>> replay(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange, Set.of("step", "pace"));
            Duration step = duration(exchange, "step", Duration.ofDays(1));
            Duration pace = duration(exchange, "pace", Duration.ZERO);
            return new Replay(reads.frames(mapId, p, step), pace);
        }).flatMapMany(replay -> {
            Flux<ServerSentEvent<FrameView>> frames = Flux.fromIterable(replay.frames())
                    .map(frame -> ServerSentEvent.builder(frame).id(Integer.toString(frame.index())).event("frame")
                                                 .build());
            return replay.pace().isZero() ? frames : frames.delayElements(replay.pace());
        });
    }

    private record Replay(List<FrameView> frames, Duration pace) {
    }

    private static FlowParameters parameters(ServerWebExchange exchange, Set<String> extra) {
        return FlowParameters.parse(exchange.getRequest().getQueryParams(), Instant.now(), extra);
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

    private static String part(ServerWebExchange exchange, String... allowed) {
        String part = exchange.getRequest().getQueryParams().getFirst("part");
        if (part == null) {
            return allowed[0];
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(part)) {
                return candidate;
            }
        }
        throw new InvalidRequestException("part", "must be one of " + String.join(", ", allowed));
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
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "must be an ISO-8601 duration such as P1D or PT12H, was '"
                    + value + "'");
        }
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}

package io.revchain.analytics.revenue;

import io.revchain.analytics.AssetUsageView;
import io.revchain.analytics.CampaignAssetUsageView;
import io.revchain.analytics.CampaignReturnView;
import io.revchain.analytics.ComparedFigureView;
import io.revchain.analytics.RevenueView;
import io.revchain.analytics.ScorecardLineView;
import io.revchain.analytics.StageValueView;
import io.revchain.analytics.ValueMetrics;
import io.revchain.analytics.ValueSummaryView;
import io.revchain.analytics.VelocityView;
import io.revchain.analytics.Window;
import io.revchain.analytics.flow.FlowParameters;
import io.revchain.analytics.flow.MapRead;
import io.revchain.system.Workloads;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.PathVariables;
import io.revchain.system.web.ReadAnswers;
import io.revchain.system.web.Tabular;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Money through the chain for BI tools: JSON documents, or flat CSV ({@code Accept: text/csv} or
 * {@code ?format=csv}) one part at a time. Every read takes the usual window, cut, filters and definitions; with
 * {@code a} and {@code b} instead of a window it compares two windows. Figures are defined in docs/metrics.md.
 */
@RestController
@RequestMapping("/api/maps/{mapId}")
@Tag(name = RevenueEndpoint.TAG, description = "Money through the chain: value per stage and the weighted "
        + "pipeline, revenue by origin and campaign return, sales velocity, the sales pack, and the joint scorecard. "
        + "Amounts are in the map's currency; each read compares two windows with a and b (docs/metrics.md, "
        + "sections 14 to 21).")
@PathVariables(@Parameter(name = "mapId", description = "The map's id; amounts are read in its currency",
                          example = "default"))
class RevenueEndpoint {

    static final String TAG = "Revenue reads";
    private static final String PART = "part";
    private static final String LOOKBACK = "lookback";
    private static final Set<String> GROUP_COLUMN = Set.of("group");
    private static final Duration MAX_LOOKBACK = Duration.ofDays(3660);

    private final RevenueReads reads;
    private final Workloads workloads;

    RevenueEndpoint(RevenueReads reads, Workloads workloads) {
        this.reads = reads;
        this.workloads = workloads;
    }

    /** Value per stage and weighted pipeline; CSV {@code part=stages|summary}. */
    @GetMapping("/value")
    @Operation(operationId = "getValue", summary = "Value per stage and the weighted pipeline",
               description = "Per stage the value that entered and left, the open value, the stage's win rate and "
                       + "the weighted value, won and lost value; per group the open and weighted pipeline, won "
                       + "revenue and average deal, with the coverage of amounts (docs/metrics.md, section 15).")
    @MapRead(compare = MapRead.Comparison.OPTIONAL)
    @Parameter(in = ParameterIn.QUERY, name = PART, description = "One table alone, as JSON rows or CSV (CSV "
            + "without part: stages); not with a and b", example = "summary",
               schema = @Schema(allowableValues = {"stages", "summary"}))
    @Parameter(in = ParameterIn.QUERY, name = LOOKBACK, description = "How far back the stage win rates of the "
            + "weighted pipeline look, an ISO-8601 duration of at most P3660D; default P365D", example = "P182D",
               schema = @Schema(type = "string", format = "duration", defaultValue = "P365D"))
    @ReadAnswers(documents = {RevenueReads.ValueDocument.class, RevenueReads.ComparisonDocument.class},
                 rows = {StageValueView.class, ValueSummaryView.class, ComparedFigureView.class})
    Mono<ResponseEntity<?>> value(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            Duration lookback = lookback(exchange);
            Window[] ab = comparedWindows(exchange, p);
            if (ab != null) {
                return comparison(exchange, reads.compareValue(mapId, p, ab[0], ab[1], lookback), mapId + "-value");
            }
            RevenueReads.ValueDocument document = reads.value(mapId, p, lookback);
            String part = part(exchange, "stages", "summary");
            if (part == null && !Tabular.wantsCsv(exchange)) {
                return json(document);
            }
            return "summary".equals(part)
                    ? Tabular.respond(exchange, ValueSummaryView.class, document.summary(), mapId + "-value-summary",
                                      omitGroup(p))
                    : Tabular.respond(exchange, StageValueView.class, document.stages(), mapId + "-value-stages",
                                      omitGroup(p));
        });
    }

    /** Revenue by origin ({@code groupBy}) and campaign return; CSV {@code part=origins|campaigns}. */
    @GetMapping("/revenue")
    @Operation(operationId = "getRevenue", summary = "Revenue by origin and campaign return",
               description = "Won deals and revenue, average deal, win rate and median cycle per groupBy group "
                       + "(origins), and per campaign its budget, leads, MQLs, SALs, won deals, return on budget and "
                       + "cost per lead, MQL, SAL and won deal (docs/metrics.md, sections 16 and 17).")
    @MapRead(compare = MapRead.Comparison.OPTIONAL)
    @Parameter(in = ParameterIn.QUERY, name = PART, description = "One table alone, as JSON rows or CSV (CSV "
            + "without part: origins); not with a and b", example = "campaigns",
               schema = @Schema(allowableValues = {"origins", "campaigns"}))
    @ReadAnswers(documents = {RevenueReads.RevenueDocument.class, RevenueReads.ComparisonDocument.class},
                 rows = {RevenueView.class, CampaignReturnView.class, ComparedFigureView.class})
    Mono<ResponseEntity<?>> revenue(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            Window[] ab = comparedWindows(exchange, p);
            if (ab != null) {
                return comparison(exchange, reads.compareRevenue(mapId, p, ab[0], ab[1]), mapId + "-revenue");
            }
            RevenueReads.RevenueDocument document = reads.revenue(mapId, p);
            String part = part(exchange, "origins", "campaigns");
            if (part == null && !Tabular.wantsCsv(exchange)) {
                return json(document);
            }
            return "campaigns".equals(part)
                    ? Tabular.respond(exchange, CampaignReturnView.class, document.campaigns(),
                                      mapId + "-revenue-campaigns")
                    : Tabular.respond(exchange, RevenueView.class, document.origins(), mapId + "-revenue-origins",
                                      omitGroup(p));
        });
    }

    /** Sales velocity per calendar quarter of the window (per group with {@code groupBy}). */
    @GetMapping("/velocity")
    @Operation(operationId = "getVelocity", summary = "Sales velocity per quarter",
               description = "Per calendar quarter of the window (and per group): opportunities × win rate × average "
                       + "deal ÷ median cycle (docs/metrics.md, section 18). With a and b, each window is one period.")
    @MapRead(compare = MapRead.Comparison.OPTIONAL)
    @ReadAnswers(documents = {RevenueReads.VelocityDocument.class, RevenueReads.ComparisonDocument.class},
                 rows = {VelocityView.class, ComparedFigureView.class})
    Mono<ResponseEntity<?>> velocity(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            Window[] ab = comparedWindows(exchange, p);
            if (ab != null) {
                return comparison(exchange, reads.compareVelocity(mapId, p, ab[0], ab[1]), mapId + "-velocity");
            }
            RevenueReads.VelocityDocument document;
            try {
                document = reads.velocity(mapId, p);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("from", e.getMessage());
            }
            return Tabular.wantsCsv(exchange)
                    ? Tabular.respond(exchange, VelocityView.class, document.periods(), mapId + "-velocity",
                                      omitGroup(p))
                    : json(document);
        });
    }

    /** The sales pack per asset (never used first) and per campaign; CSV {@code part=assets|campaigns}. */
    @GetMapping("/assets")
    @Operation(operationId = "getAssets", summary = "Is the sales pack used?",
               description = "Per asset (never used first) and per campaign: opportunities that used it and how they "
                       + "ended, with the cohort totals and the caveat that this is association, not cause "
                       + "(docs/metrics.md, section 19). Not grouped.")
    @MapRead(compare = MapRead.Comparison.OPTIONAL)
    @Parameter(in = ParameterIn.QUERY, name = PART, description = "One table alone, as JSON rows or CSV (CSV "
            + "without part: assets); not with a and b", example = "campaigns",
               schema = @Schema(allowableValues = {"assets", "campaigns"}))
    @ReadAnswers(documents = {RevenueReads.AssetsDocument.class, RevenueReads.ComparisonDocument.class},
                 rows = {AssetUsageView.class, CampaignAssetUsageView.class, ComparedFigureView.class})
    Mono<ResponseEntity<?>> assets(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            refuseGroupBy(p, "the sales pack is listed per asset and per campaign");
            Window[] ab = comparedWindows(exchange, p);
            if (ab != null) {
                return comparison(exchange, reads.compareAssets(mapId, p, ab[0], ab[1]), mapId + "-assets");
            }
            RevenueReads.AssetsDocument document = reads.assets(mapId, p);
            String part = part(exchange, "assets", "campaigns");
            if (part == null && !Tabular.wantsCsv(exchange)) {
                return json(document);
            }
            return "campaigns".equals(part)
                    ? Tabular.respond(exchange, CampaignAssetUsageView.class, document.campaigns(),
                                      mapId + "-assets-campaigns")
                    : Tabular.respond(exchange, AssetUsageView.class, document.assets(), mapId + "-assets");
        });
    }

    /** The joint scorecard of a bounded window, each figure next to the previous period's. */
    @GetMapping("/scorecard")
    @Operation(operationId = "getScorecard", summary = "The joint scorecard",
               description = "Lines of section, figure, subject, current, previous and change for a bounded window "
                       + "(a quarter, or from and to) next to the period before it, with the agreed targets that "
                       + "applied (docs/metrics.md, section 20). Not grouped.")
    @MapRead(compare = MapRead.Comparison.OPTIONAL)
    @Parameter(in = ParameterIn.QUERY, name = LOOKBACK, description = "How far back the stage win rates of the "
            + "weighted pipeline look, an ISO-8601 duration of at most P3660D; default P365D", example = "P182D",
               schema = @Schema(type = "string", format = "duration", defaultValue = "P365D"))
    @ReadAnswers(documents = {RevenueReads.ScorecardDocument.class, RevenueReads.ComparisonDocument.class},
                 rows = {ScorecardLineView.class, ComparedFigureView.class})
    Mono<ResponseEntity<?>> scorecard(@PathVariable String mapId, ServerWebExchange exchange) {
        return blocking(() -> {
            FlowParameters p = parameters(exchange);
            Duration lookback = lookback(exchange);
            refuseGroupBy(p, "a scorecard is one document for the whole map; filter instead");
            Window[] ab = comparedWindows(exchange, p);
            if (ab != null) {
                if (ab[0].from() == null || ab[0].to() == null || ab[1].from() == null || ab[1].to() == null) {
                    throw new InvalidRequestException("a", "a scorecard needs bounded windows: a quarter or from/to");
                }
                return comparison(exchange, reads.compareScorecard(mapId, p, ab[0], ab[1], lookback),
                                  mapId + "-scorecard");
            }
            if (p.window().from() == null || p.window().to() == null) {
                throw new InvalidRequestException("quarter", "a scorecard needs a bounded window: give quarter, or "
                        + "from and to; the previous period is measured against it");
            }
            RevenueReads.ScorecardDocument document = reads.scorecard(mapId, p, lookback);
            return Tabular.wantsCsv(exchange)
                    ? Tabular.respond(exchange, ScorecardLineView.class, document.lines(), mapId + "-scorecard")
                    : json(document);
        });
    }

    private static FlowParameters parameters(ServerWebExchange exchange) {
        return FlowParameters.parse(exchange, Instant.now());
    }

    /** {@code a} and {@code b} (quarters or from/to intervals), or null when the read is not a comparison. */
    private static Window[] comparedWindows(ServerWebExchange exchange, FlowParameters p) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        if (!params.containsKey("a") && !params.containsKey("b")) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        Window a = FlowParameters.window(params.getFirst("a"), "a", errors);
        Window b = FlowParameters.window(params.getFirst("b"), "b", errors);
        if (params.containsKey("from") || params.containsKey("to") || params.containsKey("quarter")) {
            errors.add(FieldError.of("a", "compare two windows with a and b, without from, to or quarter"));
        }
        if (params.containsKey(PART)) {
            errors.add(FieldError.of(PART, "a comparison answers every part in one table; leave part out"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Window[] {a, b};
    }

    private static ResponseEntity<?> comparison(ServerWebExchange exchange, RevenueReads.ComparisonDocument document,
                                                String name) {
        return Tabular.wantsCsv(exchange)
                ? Tabular.respond(exchange, ComparedFigureView.class, document.figures(), name + "-compare")
                : json(document);
    }

    /** ISO-8601 duration, default 365 days: how far back the win rates of the weighted pipeline look. */
    private static Duration lookback(ServerWebExchange exchange) {
        String value = exchange.getRequest().getQueryParams().getFirst(LOOKBACK);
        if (value == null || value.isBlank()) {
            return ValueMetrics.DEFAULT_LOOKBACK;
        }
        try {
            Duration lookback = Duration.parse(value.strip());
            if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(MAX_LOOKBACK) > 0) {
                throw new InvalidRequestException(LOOKBACK, "must be a positive duration of at most P3660D, was '"
                        + value + "'");
            }
            return lookback;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(LOOKBACK, "must be an ISO-8601 duration such as P365D or P90D, was '"
                    + value + "'");
        }
    }

    private static void refuseGroupBy(FlowParameters p, String why) {
        if (p.groupBy() != null) {
            throw new InvalidRequestException("groupBy", why);
        }
    }

    private static Set<String> omitGroup(FlowParameters p) {
        return p.groupBy() == null ? GROUP_COLUMN : Set.of();
    }

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
        throw new InvalidRequestException(PART, "must be one of " + String.join(", ", allowed));
    }

    private static ResponseEntity<?> json(Object document) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return workloads.read(work);
    }
}

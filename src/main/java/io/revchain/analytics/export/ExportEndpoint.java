package io.revchain.analytics.export;

import io.revchain.analytics.flow.FlowParameters;
import io.revchain.analytics.flow.MapRead;
import io.revchain.system.Workloads;
import io.revchain.system.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * History for process-mining tools: {@code /api/export/xes} (IEEE 1849 XES) and {@code /api/export/ocel} (OCEL 2.0
 * JSON), for the usual window, cut and filters (docs/export.md). The parameters and filters are checked on the read
 * pool (quick: a refusal is a clean 400). Then the answer is streamed from the export pool: its first bytes at once,
 * then the selection (which journeys and objects: references to the facts in memory), then the document a chunk at a
 * time as the client takes it, so the document is never whole in memory and a slow client holds no thread
 * ({@link Workloads#exportStream}).
 */
@RestController
@RequestMapping("/api/export")
@Tag(name = "Exports", description = "History for process-mining tools (PM4Py, Disco, Celonis, ProM, Apromore): "
        + "every step of the journeys a window and filters select, as XES or OCEL 2.0, streamed (docs/export.md).")
class ExportEndpoint {

    /** No registered media type exists for XES; it is XML. */
    static final MediaType XES = MediaType.APPLICATION_XML;
    /** The standard's published JSON schema, which the export validates against (src/test/resources/ocel). */
    static final String OCEL_SCHEMA = "https://www.ocel-standard.org/2.0/ocel20-schema-json.json";
    private static final Set<String> NOT_FOR_EXPORTS = Set.of("groupBy", "definitions", "format");

    private final HistoryExports exports;
    private final Workloads workloads;

    ExportEndpoint(HistoryExports exports, Workloads workloads) {
        this.exports = exports;
        this.workloads = workloads;
    }

    @GetMapping("/xes")
    @Operation(operationId = "exportXes", summary = "History as an XES event log (IEEE 1849)",
               description = "One trace per journey active in the window, one event per visible step with "
                       + "concept:name, time:timestamp, org:resource when known and the step's attributes; streamed "
                       + "as an attachment (docs/export.md).")
    @MapRead(without = {"groupBy", "definitions", "format"})
    @ApiResponse(responseCode = "200", description = "The XES log",
                 content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE,
                                    schema = @Schema(type = "string", format = "binary")))
    Mono<ResponseEntity<Flux<DataBuffer>>> xes(ServerWebExchange exchange) {
        return export(exchange, XES, "xes", p -> new XesWriter(() -> exports.slice(p), p));
    }

    @GetMapping("/ocel")
    @Operation(operationId = "exportOcel", summary = "History as an OCEL 2.0 JSON log (object-centric)",
               description = "Objects for journeys, campaigns, segments and assets; every visible step an event "
                       + "with its qualified relationships, record time carried as knownAt; streamed as an "
                       + "attachment; validates against the OCEL 2.0 JSON schema (docs/export.md).")
    @MapRead(without = {"groupBy", "definitions", "format"})
    @ApiResponse(responseCode = "200", description = "The OCEL 2.0 log",
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(ref = OCEL_SCHEMA)))
    Mono<ResponseEntity<Flux<DataBuffer>>> ocel(ServerWebExchange exchange) {
        return export(exchange, MediaType.APPLICATION_JSON, "ocel.json",
                      p -> new OcelWriter(() -> exports.slice(p)));
    }

    private Mono<ResponseEntity<Flux<DataBuffer>>> export(ServerWebExchange exchange, MediaType type,
                                                           String extension,
                                                           Function<FlowParameters, ChunkSource> writer) {
        FlowParameters p = parameters(exchange);
        Workloads.Lease lease = workloads.export();
        // Heap buffers: a chunk dropped when the client goes away needs no release.
        DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        return workloads.read(() -> {
                    exports.check(p);
                    return writer.apply(p);
                })
                .map(source -> ResponseEntity.ok()
                        .contentType(type)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(fileName(p, extension)).build().toString())
                        .body(workloads.exportStream(chunks(source, buffers), lease)))
                .doOnError(e -> lease.release())
                .doOnCancel(lease::release);
    }

    /** The source's chunks, each made when the client asks for the next. */
    private static Flux<DataBuffer> chunks(ChunkSource source, DataBufferFactory buffers) {
        return Flux.generate(sink -> {
            byte[] chunk = source.next();
            if (chunk == null) {
                sink.complete();
            } else {
                sink.next(buffers.wrap(chunk));
            }
        });
    }

    private static FlowParameters parameters(ServerWebExchange exchange) {
        var query = exchange.getRequest().getQueryParams();
        for (String name : NOT_FOR_EXPORTS) {
            if (query.containsKey(name)) {
                throw new InvalidRequestException(name, switch (name) {
                    case "groupBy" -> "an export is not grouped: it holds every journey the window and filters "
                            + "select";
                    case "definitions" -> "an export holds steps, not stages: no map version applies";
                    default -> "the route names the format (/api/export/xes, /api/export/ocel); leave format out";
                });
            }
        }
        return FlowParameters.parse(exchange, Instant.now());
    }

    /** revchain-2031-07-01-2031-10-01.xes, revchain-all.ocel.json... */
    static String fileName(FlowParameters p, String extension) {
        String from = p.window().from() == null ? null : p.window().from().toString().substring(0, 10);
        String to = p.window().to() == null ? null : p.window().to().toString().substring(0, 10);
        String window = from == null && to == null ? "all"
                : (from == null ? "start" : from) + "-" + (to == null ? "now" : to);
        return "revchain-" + window + "." + extension;
    }
}

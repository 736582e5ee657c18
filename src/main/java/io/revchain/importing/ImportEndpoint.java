package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.system.Workloads;
import io.revchain.system.web.CallerRoles;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.ForbiddenException;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.OpenApiModels;
import io.revchain.system.web.PathVariables;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.media.Encoding;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/imports} (multipart: {@code mapping} JSON, {@code file} CSV or XES, optionally gzip'd, and one
 * part {@code lookup.<name>} per lookup the mapping joins) streams the files to disk and queues the import;
 * {@code GET} reads the jobs (in memory, answered at once). The import itself runs on the import workers; receiving
 * the files and queueing the job run on the write pool.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = "Imports", description = "History from a CRM export (CSV) or an event log (XES), mapped onto steps by "
        + "a mapping document and recorded as the caller's; follow each job's progress and row errors "
        + "(docs/import.md).")
@PathVariables(@Parameter(name = "id", description = "The import job's id, from the answer to its upload",
                          example = "7"))
class ImportEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ImportEndpoint.class);
    private static final int MAX_MAPPING_BYTES = 256 * 1024;
    private static final String LOOKUP_PART = "lookup.";

    private final ImportJobs jobs;
    private final Workloads workloads;

    ImportEndpoint(ImportJobs jobs, Workloads workloads) {
        this.jobs = jobs;
        this.workloads = workloads;
    }

    /** Needs recorder (the route table); a mapping that discovers a map needs facilitator too, as defining one does. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "startImport", summary = "Upload a history to import",
               description = "Streams the parts to disk, checks the mapping and queues the import; the answer is the "
                       + "queued job (202, Location: the job). Rows are mapped onto steps and recorded in batches as "
                       + "the caller's; a row that breaks a rule is reported in the job and the rest go on. A job "
                       + "whose every row failed ends FAILED.")
    @ApiResponse(responseCode = "202", description = "Queued; follow it at the Location",
                 headers = @Header(name = HttpHeaders.LOCATION, description = "/api/imports/{id}",
                                   schema = @Schema(type = "string", format = "uri-reference")),
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = ImportJobView.class)))
        Mono<ResponseEntity<ImportJobView>> start(@RequestBody Flux<PartEvent> parts, Actor actor,
                                              ServerWebExchange exchange) {
        Upload upload = new Upload(actor);
        Mono<Boolean> mayDefineMaps = exchange.getPrincipal()
                                              .map(principal -> CallerRoles.holds(principal, "facilitator"))
                                              .defaultIfEmpty(false);
        return parts.windowUntil(PartEvent::isLast)
                    .concatMap(part -> part.switchOnFirst((first, events) -> {
                        if (!first.hasValue()) {
                            return events.then();
                        }
                        PartEvent head = first.get();
                        if (head.name().startsWith(LOOKUP_PART)) {
                            return upload.receiveLookup(head.name().substring(LOOKUP_PART.length()), events);
                        }
                        return switch (head.name()) {
                            case "file" -> upload.receiveFile(head, events);
                            case "mapping" -> upload.receiveMapping(events);
                            default -> drain(events);
                        };
                    }))
                    .then(mayDefineMaps)
                    .flatMap(facilitator -> workloads.write(() -> upload.start(facilitator)))
                    .doOnError(e -> upload.discard())
                    .doOnCancel(upload::discard)
                    .map(job -> ResponseEntity.accepted()
                                              .location(URI.create("/api/imports/" + job.id()))
                                              .body(job.view()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getImport", summary = "One import job",
               description = "Its status (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED), progress (bytes read and "
                       + "rows stored), row errors and who started it. Jobs are kept in memory for the last imports "
                       + "since the service started.")
    ImportJobView get(@PathVariable String id) {
        return jobs.get(id).view();
    }

    @GetMapping
    @Operation(operationId = "listImports", summary = "The import jobs",
               description = "The jobs kept in memory, newest first.")
    List<ImportJobView> list() {
        return jobs.list().stream().map(ImportJob::view).toList();
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelImport", summary = "Cancel an import",
               description = "Stops a queued or running import; steps recorded so far stay, and importing the same "
                       + "file again completes it (steps are idempotent).")
    @ApiResponse(responseCode = "202", description = "Cancellation requested; the job ends CANCELLED",
                 content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                                    schema = @Schema(implementation = ImportJobView.class)))
    ResponseEntity<ImportJobView> cancel(@PathVariable String id) {
        return ResponseEntity.accepted().body(jobs.cancel(id).view());
    }

    /** Releases a part's buffers unread: an ignored part, or one whose file could not be started (a full pool). */
    private static Mono<Void> drain(Flux<PartEvent> events) {
        return events.doOnNext(event -> DataBufferUtils.release(event.content())).then();
    }

    /** The parts of one upload request, as they arrive. */
    private final class Upload {

        private volatile byte[] mapping;
        private volatile Path file;
        private volatile String fileName;
        private volatile boolean started;
        private volatile boolean repeatedFile;
        private final Actor actor;

        Upload(Actor actor) {
            this.actor = actor;
        }
        private final Map<String, Path> lookups = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<String> repeatedLookups = Collections.synchronizedList(new ArrayList<>());

        Mono<Void> receiveFile(PartEvent head, Flux<PartEvent> events) {
            if (file != null) {
                repeatedFile = true;
                return drain(events);
            }
            fileName = head instanceof FilePartEvent filePart && !filePart.filename().isBlank()
                    ? filePart.filename() : "upload";
            return workloads.write(jobs::newUploadFile)
                       .onErrorResume(refused -> drain(events).then(Mono.<Path>error(refused)))
                       .flatMap(path -> {
                           file = path;
                           Flux<DataBuffer> content = events.map(PartEvent::content);
                           return DataBufferUtils.write(content, path, StandardOpenOption.WRITE,
                                                        StandardOpenOption.TRUNCATE_EXISTING);
                       });
        }

        Mono<Void> receiveLookup(String name, Flux<PartEvent> events) {
            if (lookups.containsKey(name)) {
                repeatedLookups.add(name);
                return drain(events);
            }
            return workloads.write(jobs::newUploadFile)
                       .onErrorResume(refused -> drain(events).then(Mono.<Path>error(refused)))
                       .flatMap(path -> {
                           lookups.put(name, path);
                           return DataBufferUtils.write(events.map(PartEvent::content), path,
                                                        StandardOpenOption.WRITE,
                                                        StandardOpenOption.TRUNCATE_EXISTING);
                       });
        }

        Mono<Void> receiveMapping(Flux<PartEvent> events) {
            return DataBufferUtils.join(events.map(PartEvent::content), MAX_MAPPING_BYTES)
                                  .doOnNext(buffer -> {
                                      byte[] bytes = new byte[buffer.readableByteCount()];
                                      buffer.read(bytes);
                                      DataBufferUtils.release(buffer);
                                      mapping = bytes;
                                  })
                                  .onErrorMap(DataBufferLimitException.class, e -> new InvalidRequestException(
                                          "mapping", "larger than " + MAX_MAPPING_BYTES / 1024 + " KB"))
                                  .then();
        }

        /** Blocking: the mapping check may look up declared step types. */
        ImportJob start(boolean mayDefineMaps) {
            List<FieldError> missing = new ArrayList<>();
            if (mapping == null) {
                missing.add(FieldError.of("mapping", "the part 'mapping' with the JSON mapping document is missing"));
            }
            if (file == null) {
                missing.add(FieldError.of("file", "the part 'file' with the CSV or XES file is missing"));
            }
            if (repeatedFile) {
                missing.add(FieldError.of("file", "send one file per import"));
            }
            if (!missing.isEmpty()) {
                throw new InvalidRequestException(missing);
            }
            ImportMapping parsed = jobs.parseMapping(mapping);
            List<FieldError> lookupErrors = new ArrayList<>();
            repeatedLookups.forEach(name -> lookupErrors.add(FieldError.of(LOOKUP_PART + name,
                                                                           "send each lookup file once")));
            for (String name : parsed.lookups().keySet()) {
                if (!lookups.containsKey(name)) {
                    lookupErrors.add(FieldError.of(LOOKUP_PART + name, "the mapping joins the lookup '" + name
                            + "'; send its CSV as the part " + LOOKUP_PART + name));
                }
            }
            for (String name : lookups.keySet()) {
                if (!parsed.lookups().containsKey(name)) {
                    lookupErrors.add(FieldError.of(LOOKUP_PART + name, "the mapping has no lookup '" + name
                            + "' in lookups"));
                }
            }
            if (!lookupErrors.isEmpty()) {
                throw new InvalidRequestException(lookupErrors);
            }
            if (parsed.discover() != null && !mayDefineMaps) {
                throw new ForbiddenException("discover-needs-facilitator", actor.id() + " may import but not define "
                        + "maps: discovering the map '" + parsed.mapId() + "' defines it, which needs the facilitator "
                        + "role; import with a typeMap instead, or ask an admin for the role");
            }
            ImportJob job = jobs.start(parsed, file, fileName, Map.copyOf(lookups), true, actor);
            started = true;
            return job;
        }

        void discard() {
            if (started) {
                return;
            }
            List<Path> received = new ArrayList<>(lookups.values());
            if (file != null) {
                received.add(file);
            }
            // Not on the write pool: clean-up must not be refused when that pool is full.
            Schedulers.boundedElastic().schedule(() -> {
                for (Path path : received) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        log.warn("Could not delete refused upload {}: {}", path, e.getMessage());
                    }
                }
            });
        }
    }

    /**
     * The upload's parts in the OpenAPI document: a multipart body of {@code mapping} (JSON), {@code file} (CSV or
     * XES, optionally gzip'd) and any number of {@code lookup.<name>} CSV files; springdoc would describe the
     * streamed {@code Flux<PartEvent>} instead.
     */
    @Component
    static class UploadDocs implements GlobalOperationCustomizer {

        @Override
        public io.swagger.v3.oas.models.Operation customize(io.swagger.v3.oas.models.Operation operation,
                                                            HandlerMethod handler) {
            if (handler.getBeanType() != ImportEndpoint.class || !handler.getMethod().getName().equals("start")) {
                return operation;
            }
            var mapping = OpenApiModels.schema("string");
            mapping.setContentMediaType(MediaType.APPLICATION_JSON_VALUE);
            mapping.setDescription("The mapping document (JSON, at most " + MAX_MAPPING_BYTES / 1024 + " KB): the "
                    + "format, the map, which columns or XES attributes become which step fields, and the lookups "
                    + "it joins (docs/import.md)");
            var file = OpenApiModels.string("binary");
            file.setDescription("The history: a CSV file or an XES event log, optionally gzip'd");
            var lookup = OpenApiModels.string("binary");
            lookup.setDescription("lookup.<name>: one CSV per lookup the mapping joins, named as in its lookups");
            var body = OpenApiModels.schema("object");
            body.addProperty("mapping", mapping);
            body.addProperty("file", file);
            body.setPatternProperties(new java.util.LinkedHashMap<>(java.util.Map.of("^lookup\\..+$", lookup)));
            body.setRequired(List.of("mapping", "file"));
            var media = new io.swagger.v3.oas.models.media.MediaType().schema(body);
            media.addEncoding("mapping", new Encoding().contentType(MediaType.APPLICATION_JSON_VALUE));
            media.addEncoding("file", new Encoding().contentType("text/csv, application/xml, application/gzip, "
                    + "application/octet-stream"));
            operation.setRequestBody(new io.swagger.v3.oas.models.parameters.RequestBody().required(true)
                    .description("multipart/form-data with the parts mapping, file and one lookup.<name> per "
                            + "lookup the mapping joins; parts of other names are ignored")
                    .content(new io.swagger.v3.oas.models.media.Content()
                                     .addMediaType(MediaType.MULTIPART_FORM_DATA_VALUE, media)));
            return operation;
        }
    }
}

package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.system.web.CallerRoles;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.ForbiddenException;
import io.revchain.system.web.InvalidRequestException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/imports} (multipart: {@code mapping} JSON, {@code file} CSV or XES, optionally gzip'd) streams the
 * file to disk and queues its import; {@code GET} reads the jobs. The import itself runs on the import workers.
 */
@RestController
@RequestMapping("/api/imports")
class ImportEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ImportEndpoint.class);
    private static final int MAX_MAPPING_BYTES = 256 * 1024;

    private final ImportJobs jobs;

    ImportEndpoint(ImportJobs jobs) {
        this.jobs = jobs;
    }

    /** Needs recorder (the route table); a mapping that discovers a map needs facilitator too, as defining one does. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
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
                        return switch (head.name()) {
                            case "file" -> upload.receiveFile(head, events);
                            case "mapping" -> upload.receiveMapping(events);
                            default -> drain(events);
                        };
                    }))
                    .then(mayDefineMaps)
                    .flatMap(facilitator -> Mono.fromCallable(() -> upload.start(facilitator))
                                                .subscribeOn(Schedulers.boundedElastic()))
                    .doOnError(e -> upload.discard())
                    .doOnCancel(upload::discard)
                    .map(job -> ResponseEntity.accepted()
                                              .location(URI.create("/api/imports/" + job.id()))
                                              .body(job.view()));
    }

    @GetMapping("/{id}")
    ImportJobView get(@PathVariable String id) {
        return jobs.get(id).view();
    }

    @GetMapping
    List<ImportJobView> list() {
        return jobs.list().stream().map(ImportJob::view).toList();
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<ImportJobView> cancel(@PathVariable String id) {
        return ResponseEntity.accepted().body(jobs.cancel(id).view());
    }

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

        Mono<Void> receiveFile(PartEvent head, Flux<PartEvent> events) {
            if (file != null) {
                repeatedFile = true;
                return drain(events);
            }
            fileName = head instanceof FilePartEvent filePart && !filePart.filename().isBlank()
                    ? filePart.filename() : "upload";
            return Mono.fromCallable(jobs::newUploadFile)
                       .subscribeOn(Schedulers.boundedElastic())
                       .flatMap(path -> {
                           file = path;
                           Flux<DataBuffer> content = events.map(PartEvent::content);
                           return DataBufferUtils.write(content, path, StandardOpenOption.WRITE,
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
            if (parsed.discover() != null && !mayDefineMaps) {
                throw new ForbiddenException("discover-needs-facilitator", actor.id() + " may import but not define "
                        + "maps: discovering the map '" + parsed.mapId() + "' defines it, which needs the facilitator "
                        + "role; import with a typeMap instead, or ask an admin for the role");
            }
            ImportJob job = jobs.start(parsed, file, fileName, true, actor);
            started = true;
            return job;
        }

        void discard() {
            Path received = file;
            if (started || received == null) {
                return;
            }
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    Files.deleteIfExists(received);
                } catch (IOException e) {
                    log.warn("Could not delete refused upload {}: {}", received, e.getMessage());
                }
            });
        }
    }
}

package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.map.MapDiscovery;
import io.revchain.map.MapRuleViolation;
import io.revchain.step.StepIngestion;
import io.revchain.system.StoreDurability;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs imports on its own worker threads (never an HTTP event loop), one file per job, and remembers recent jobs in
 * memory so their progress and outcome can be read. Job records do not survive a restart; imported steps do.
 */
@Service
public class ImportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final StepIngestion ingestion;
    private final Supplier<StepTypes> stepTypes;
    private final ImportProperties properties;
    private final MapDiscovery mapDiscovery;
    private final StoreDurability durability;
    private final ThreadPoolExecutor executor;
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    @Autowired
    public ImportJobs(StepIngestion ingestion, ObjectProvider<DeclaredStepTypes> declared,
                      ImportProperties properties, ObjectProvider<MapDiscovery> mapDiscovery,
                      StoreDurability durability) {
        this(ingestion, () -> StepTypes.of(declared.getIfAvailable()), properties, mapDiscovery.getIfAvailable(),
             durability);
    }

    ImportJobs(StepIngestion ingestion, DeclaredStepTypes declared, ImportProperties properties) {
        this(ingestion, () -> StepTypes.of(declared), properties, null, StoreDurability.NONE);
    }

    ImportJobs(StepIngestion ingestion, DeclaredStepTypes declared, ImportProperties properties,
               MapDiscovery mapDiscovery) {
        this(ingestion, () -> StepTypes.of(declared), properties, mapDiscovery, StoreDurability.NONE);
    }

    private ImportJobs(StepIngestion ingestion, Supplier<StepTypes> stepTypes, ImportProperties properties,
                       MapDiscovery mapDiscovery, StoreDurability durability) {
        this.ingestion = ingestion;
        this.durability = durability;
        this.stepTypes = stepTypes;
        this.properties = properties;
        this.mapDiscovery = mapDiscovery;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "revchain-import-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Checks a mapping document against the step types known now. Blocking: declared types may be looked up.
     *
     * Throws InvalidRequestException naming each wrong field.
     */
    public ImportMapping parseMapping(byte[] json) {
        return ImportMapping.parse(json, stepTypes.get());
    }

    /** A fresh file to receive an upload, in {@code revchain.import.upload-dir} or the system temp folder. */
    public Path newUploadFile() throws IOException {
        Path dir = properties.uploadDir();
        if (dir == null) {
            return Files.createTempFile("revchain-import-", ".upload");
        }
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "revchain-import-", ".upload");
    }

    /**
     * Queues the import of a file, started by {@code startedBy}: its steps are recorded as that principal's doing.
     * With {@code deleteWhenDone} the file is removed once the job has ended.
     */
    public ImportJob start(ImportMapping mapping, Path file, String fileName, boolean deleteWhenDone,
                           Actor startedBy) {
        return start(mapping, file, fileName, Map.of(), deleteWhenDone, startedBy);
    }

    /** As {@link #start(ImportMapping, Path, String, boolean, Actor)}, with the mapping's lookup files by name. */
    public ImportJob start(ImportMapping mapping, Path file, String fileName, Map<String, Path> lookups,
                           boolean deleteWhenDone, Actor startedBy) {
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), mapping, fileName, properties.keepRejected(),
                                      startedBy);
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        log.info("Import {} queued by {}: {} with mapping '{}' ({})", job.id(), startedBy.id(), fileName,
                 mapping.mapId(), mapping.format().name().toLowerCase());
        try {
            executor.execute(new Task(job, mapping, file, lookups, deleteWhenDone));
        } catch (RuntimeException e) {
            job.fail("The import service is shutting down; send the file again once it is back.", List.of());
            delete(file, deleteWhenDone);
            lookups.values().forEach(lookup -> delete(lookup, deleteWhenDone));
        }
        return job;
    }

    /**
     * Throws NotFoundException when no such job is known (unknown id, evicted, or before a restart).
     */
    public ImportJob get(String id) {
        synchronized (jobs) {
            ImportJob job = jobs.get(id);
            if (job == null) {
                throw new NotFoundException("No import " + id + " (job records are kept in memory for the last "
                                            + properties.keepJobs() + " imports since the service started)");
            }
            return job;
        }
    }

    /** Newest first. */
    public List<ImportJob> list() {
        synchronized (jobs) {
            List<ImportJob> all = new ArrayList<>(jobs.values());
            Collections.reverse(all);
            return all;
        }
    }

    /** Stops a queued or running import; steps accepted so far stay, and running it again completes it. */
    public ImportJob cancel(String id) {
        ImportJob job = get(id);
        job.requestCancel();
        return job;
    }

    private void run(ImportJob job, ImportMapping mapping, Path file, Map<String, Path> lookups) {
        if (!job.markRunning()) {
            return;
        }
        ImportProgress progress = job.progress();
        String format = mapping.format().name().toLowerCase();
        Importer importer = new Importer(job.id(), mapping, stepTypes.get(), ingestion, progress, properties,
                                         job::cancelRequested, job.startedBy(), lookups, mapDiscovery,
                                         job::discovered, durability);
        try {
            try {
                importer.run(file);
            } catch (IOException | RuntimeException | Error e) {
                lastCheckpoint(job, importer);
                throw e;
            }
            // COMPLETED only once every stored step is durable.
            importer.checkpoint();
            List<String> joins = importer.lookupSummaries();
            String joined = joins.isEmpty() ? "" : " Joined " + String.join("; ", joins) + ".";
            if (progress.stepsStored() == 0 && progress.rowsLeftOut() > 0) {
                job.fail("Nothing was stored: every row that yields a step failed (" + progress.summary() + ")."
                         + joined + " " + firstReason(job) + "Correct the mapping (typeMap, columns, atFormat, "
                         + "timezone, lookups) or the file, then import it again.", List.of());
            } else if (progress.rowsLeftOut() > 0) {
                job.complete("Imported with rows left out: " + progress.summary() + "." + joined + " "
                             + progress.rowsLeftOut() + " rows were left out: see rejectedRows (GET /api/imports/"
                             + job.id() + "); correct them and import the file again, only they are added.");
                log.info("Import {} completed, {} rows left out: {}. See GET /api/imports/{} (rejectedRows)",
                         job.id(), progress.rowsLeftOut(), progress.summary(), job.id());
            } else {
                job.complete("Imported: " + progress.summary() + "." + joined);
                log.info("Import {} completed: {}", job.id(), progress.summary());
            }
        } catch (MapRuleViolation e) {
            job.fail("The discovered map breaks a map rule: " + sentence(e.getMessage()) + " Nothing was stored; "
                     + "correct the map (PUT /api/maps/" + mapping.mapId() + ") and import again.", e.errors());
        } catch (InvalidRequestException e) {
            job.fail("The mapping does not fit the file: " + sentence(e.getMessage()) + " Nothing was stored; "
                     + "correct the mapping (or the file's delimiter) and import again.", e.errors());
        } catch (MalformedFileException e) {
            job.fail("The file cannot be read as " + format + ": " + sentence(e.getMessage()) + " "
                     + afterStop(progress) + "Fix the file and import it again" + rerunNote(progress), List.of());
        } catch (CancellationException e) {
            if (job.cancelRequested()) {
                job.cancelled("Cancelled after " + progress.rowsRead + " rows. " + afterStop(progress)
                              + "Import the same file again to finish" + rerunNote(progress));
            } else {
                job.fail("The service stopped during the import after " + progress.rowsRead + " rows. "
                         + afterStop(progress) + "Import the same file again to finish" + rerunNote(progress),
                         List.of());
            }
        } catch (IOException e) {
            job.fail("Reading the uploaded file failed: " + sentence(e.getMessage()) + " " + afterStop(progress)
                     + "Send the file again" + rerunNote(progress), List.of());
        } catch (RuntimeException e) {
            log.error("Import {} failed while storing steps", job.id(), e);
            job.fail("Storing steps failed: " + sentence(e.getMessage()) + " " + afterStop(progress)
                     + "Check the service health (/actuator/health) and the database, then import the same file "
                     + "again" + rerunNote(progress), List.of());
        } catch (Error e) {
            job.fail("The import stopped on an internal error: " + e + ". " + afterStop(progress), List.of());
            throw e;
        } finally {
            if (job.status() == ImportJob.Status.FAILED) {
                log.warn("Import {} failed: {}", job.id(), job.message());
            } else if (job.status() == ImportJob.Status.CANCELLED) {
                log.info("Import {}: {}", job.id(), job.message());
            }
        }
    }

    /** After a failure or a cancel: the steps stored so far stay, as the job's message says. */
    private static void lastCheckpoint(ImportJob job, Importer importer) {
        try {
            importer.checkpoint();
        } catch (RuntimeException e) {
            log.warn("Import {}: could not make the steps stored so far durable ({}); they are written with the "
                     + "store's next commit, and importing the file again restores any that are lost", job.id(),
                     e.toString());
        }
    }

    private static String firstReason(ImportJob job) {
        List<ImportProgress.Rejection> rejections = job.progress().rejections();
        if (rejections.isEmpty()) {
            return "";
        }
        ImportProgress.Rejection first = rejections.get(0);
        return "The first: row " + first.row() + " (line " + first.line() + ")"
               + (first.field() == null ? "" : ", " + first.field()) + ": " + sentence(first.reason()) + " ";
    }

    private static String sentence(String message) {
        String trimmed = String.valueOf(message).strip();
        while (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + ".";
    }

    private static String afterStop(ImportProgress progress) {
        return progress.accepted == 0 ? "Nothing was stored. "
                : progress.accepted + " steps accepted before that stay stored. ";
    }

    private static String rerunNote(ImportProgress progress) {
        return progress.accepted + progress.duplicates == 0 ? "."
                : ": steps already stored are recognised as duplicates, only the rest is added.";
    }

    private void evictFinished() {
        synchronized (jobs) {
            long finished = jobs.values().stream().filter(ImportJob::finished).count();
            Iterator<ImportJob> it = jobs.values().iterator();
            while (finished > properties.keepJobs() && it.hasNext()) {
                if (it.next().finished()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    private static void delete(Path file, boolean deleteWhenDone) {
        if (!deleteWhenDone) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete uploaded file {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        List<Runnable> neverStarted = executor.shutdownNow();
        for (Runnable task : neverStarted) {
            if (task instanceof Task t) {
                t.job.fail("The service stopped before this import started; nothing was stored. Send the file "
                           + "again.", List.of());
                delete(t.file, t.deleteWhenDone);
                t.lookups.values().forEach(lookup -> delete(lookup, t.deleteWhenDone));
            }
        }
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Imports still running after 10 s of shutdown; they end with the process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Task implements Runnable {

        private final ImportJob job;
        private final ImportMapping mapping;
        private final Path file;
        private final Map<String, Path> lookups;
        private final boolean deleteWhenDone;

        Task(ImportJob job, ImportMapping mapping, Path file, Map<String, Path> lookups, boolean deleteWhenDone) {
            this.job = job;
            this.mapping = mapping;
            this.file = file;
            this.lookups = Map.copyOf(lookups);
            this.deleteWhenDone = deleteWhenDone;
        }

        @Override
        public void run() {
            try {
                ImportJobs.this.run(job, mapping, file, lookups);
            } finally {
                delete(file, deleteWhenDone);
                lookups.values().forEach(lookup -> delete(lookup, deleteWhenDone));
                evictFinished();
            }
        }
    }
}

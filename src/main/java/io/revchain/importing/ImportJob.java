package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.system.web.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One import of one file: its status and progress, updated by its worker and read by the API. */
public final class ImportJob {

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED }

    private final String id;
    private final String mapId;
    private final ImportMapping.Format format;
    private final String fileName;
    private final Actor startedBy;
    private final Instant createdAt = Instant.now();
    private final ImportProgress progress;
    private final CompletableFuture<ImportJob> done = new CompletableFuture<>();

    private volatile Status status = Status.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String message;
    private volatile List<FieldError> errors = List.of();
    private volatile boolean cancelRequested;
    private volatile DiscoveryView discovery;

    ImportJob(String id, ImportMapping mapping, String fileName, int keepRejected, Actor startedBy) {
        this.id = id;
        this.startedBy = startedBy;
        this.mapId = mapping.mapId();
        this.format = mapping.format();
        this.fileName = fileName;
        this.progress = new ImportProgress(keepRejected);
    }

    public String id() {
        return id;
    }

    /** Who started the import; its steps are recorded as this principal's doing. */
    public Actor startedBy() {
        return startedBy;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return message;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Completes when the job has ended, whatever the outcome. */
    public CompletableFuture<ImportJob> done() {
        return done;
    }

    ImportProgress progress() {
        return progress;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** What the job's discovery found and the map version it defined; null without discovery. */
    public DiscoveryView discovery() {
        return discovery;
    }

    void discovered(DiscoveryView view) {
        discovery = view;
    }

    boolean finished() {
        return done.isDone();
    }

    synchronized boolean markRunning() {
        if (status != Status.QUEUED) {
            return false;
        }
        status = Status.RUNNING;
        startedAt = Instant.now();
        return true;
    }

    /** Asks the worker to stop after the chunk in flight; a queued job ends at once. */
    synchronized void requestCancel() {
        cancelRequested = true;
        if (status == Status.QUEUED) {
            end(Status.CANCELLED, "Cancelled before it started; nothing was stored.", List.of());
        }
    }

    void complete(String summary) {
        end(Status.COMPLETED, summary, List.of());
    }

    void fail(String reason, List<FieldError> fieldErrors) {
        end(Status.FAILED, reason, fieldErrors);
    }

    void cancelled(String reason) {
        end(Status.CANCELLED, reason, List.of());
    }

    private synchronized void end(Status outcome, String reason, List<FieldError> fieldErrors) {
        if (done.isDone()) {
            return;
        }
        status = outcome;
        message = reason;
        errors = List.copyOf(fieldErrors);
        finishedAt = Instant.now();
        done.complete(this);
    }

    public ImportJobView view() {
        ImportProgress p = progress;
        int percent = status == Status.COMPLETED ? 100 : Math.min(99, p.percent());
        return new ImportJobView(id, status.name(), mapId, format.name().toLowerCase(), fileName, startedBy, createdAt,
                startedAt, finishedAt, message, errors,
                new ImportJobView.ProgressView(p.rowsRead, p.rowErrors, p.skipped, p.stepsMapped, p.stepsEstimated(),
                                               p.stepsSent, p.accepted, p.duplicates, p.rejected, p.stepsStored(),
                                               p.stepsDurable, p.bytesRead, p.bytesTotal, p.readPercent(), percent),
                p.rejections().stream()
                 .map(r -> new ImportJobView.RejectedRowView(r.row(), r.line(), r.journeyId(), r.stepType(),
                                                             r.rule(), r.field(), r.reason()))
                 .toList(),
                discovery);
    }
}

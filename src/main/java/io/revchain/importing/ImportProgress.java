package io.revchain.importing;

import java.util.ArrayList;
import java.util.List;

/** Counters of one import, written by its worker thread and read by anyone; keeps the first rejected rows. */
final class ImportProgress {

    /** A row, event or step left out, with where it is in the file and why. */
    record Rejection(long row, long line, String journeyId, String stepType, Integer rule, String field,
                     String reason) {
    }

    private final int keepRejections;
    private final List<Rejection> rejections = new ArrayList<>();

    volatile long bytesTotal;
    volatile long bytesRead;
    volatile long rowsRead;
    volatile long rowErrors;
    volatile long skipped;
    /** Steps the mapping produced from the rows read so far (sent or still buffered). */
    volatile long stepsMapped;
    /** The whole file has been read: {@link #stepsMapped} is the final number of steps. */
    volatile boolean readAll;
    volatile long stepsSent;
    volatile long accepted;
    volatile long duplicates;
    volatile long rejected;
    /** Steps stored as of the job's last checkpoint: durable, whatever happens to the service. */
    volatile long stepsDurable;

    ImportProgress(int keepRejections) {
        this.keepRejections = keepRejections;
    }

    void rowError(long row, long line, String journeyId, RowRejectedException e) {
        rowErrors++;
        keep(new Rejection(row, line, journeyId, e.stepType(), null, e.field(), e.getMessage()));
    }

    void stepRejected(MappedStep step, String field, String reason) {
        rejected++;
        keep(new Rejection(step.row(), step.line(), step.request().journeyId(), step.request().type(), step.rule(),
                           field, reason));
    }

    private synchronized void keep(Rejection rejection) {
        if (rejections.size() < keepRejections) {
            rejections.add(rejection);
        }
    }

    synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** File bytes read over file size (compressed bytes for gzip). */
    int readPercent() {
        long total = bytesTotal;
        return readAll ? 100 : total <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / total);
    }

    /** Steps the intake holds now: accepted and earlier duplicates. */
    long stepsStored() {
        return accepted + duplicates;
    }

    /** Steps the intake has answered for: stored or rejected. */
    long stepsDone() {
        return accepted + duplicates + rejected;
    }

    /**
     * The steps the whole file will yield: exact once it is read, before that the steps mapped so far scaled by the
     * share of the file read. Reading runs ahead of storing (a CSV import buffers 20,000 steps), so this is what
     * the stored steps are measured against, not the bytes read.
     */
    long stepsEstimated() {
        long mapped = stepsMapped;
        long read = bytesRead;
        if (readAll || bytesTotal <= 0 || read <= 0) {
            return mapped;
        }
        return Math.max(mapped, Math.round((double) mapped * bytesTotal / read));
    }

    /** Work done: steps answered for over the estimated total. */
    int percent() {
        long estimated = stepsEstimated();
        if (estimated <= 0) {
            return readAll ? 100 : 0;
        }
        return (int) Math.min(100, stepsDone() * 100 / estimated);
    }

    /** Rows left out: values that could not be mapped, and steps the intake refused. */
    long rowsLeftOut() {
        return rowErrors + rejected;
    }

    String summary() {
        return String.format("%d rows read, %d steps sent: %d accepted, %d duplicates, %d rejected; "
                             + "%d row errors, %d skipped", rowsRead, stepsSent, accepted, duplicates, rejected,
                             rowErrors, skipped);
    }
}

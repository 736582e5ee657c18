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
    volatile long stepsSent;
    volatile long accepted;
    volatile long duplicates;
    volatile long rejected;

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

    int percent() {
        long total = bytesTotal;
        return total <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / total);
    }

    String summary() {
        return String.format("%d rows read, %d steps sent: %d accepted, %d duplicates, %d rejected; "
                             + "%d row errors, %d skipped", rowsRead, stepsSent, accepted, duplicates, rejected,
                             rowErrors, skipped);
    }
}

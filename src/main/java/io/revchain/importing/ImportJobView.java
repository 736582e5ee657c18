package io.revchain.importing;

import io.revchain.chain.Actor;
import io.revchain.system.web.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * An import as the API shows it: status, progress counts, why it failed, the first rejected rows, and what its
 * discovery found (null when the mapping did not ask for one).
 */
public record ImportJobView(String id,
                            String status,
                            String mapId,
                            String format,
                            String fileName,
                            Actor startedBy,
                            Instant createdAt,
                            Instant startedAt,
                            Instant finishedAt,
                            String message,
                            List<FieldError> errors,
                            ProgressView progress,
                            List<RejectedRowView> rejectedRows,
                            DiscoveryView discovery) {

    /**
     * Reading: {@code rowsRead} CSV data rows or XES events, {@code bytesRead} of {@code bytesTotal},
     * {@code readPercent}; {@code rowErrors}: rows left out because a value could not be mapped; {@code skipped}:
     * events outside the lifecycle filter or values left out by skipUnmapped; {@code stepsMapped}: steps the rows
     * read so far yield. Storing: {@code stepsSent} handed to the intake, which ends as
     * {@code accepted + duplicates + rejected}; {@code stepsStored = accepted + duplicates}; {@code stepsDurable}
     * the steps stored as of the job's last checkpoint (all of them once it has ended); {@code stepsEstimated}
     * the steps the whole file will yield (exact once it is read); {@code percent} steps answered for over that
     * estimate, the work done (100 only once COMPLETED).
     */
    public record ProgressView(long rowsRead,
                               long rowErrors,
                               long skipped,
                               long stepsMapped,
                               long stepsEstimated,
                               long stepsSent,
                               long accepted,
                               long duplicates,
                               long rejected,
                               long stepsStored,
                               long stepsDurable,
                               long bytesRead,
                               long bytesTotal,
                               int readPercent,
                               int percent) {
    }

    /** A row (CSV data row number, or XES event number) left out, with its line in the file and the reason. */
    public record RejectedRowView(long row,
                                  long line,
                                  String journeyId,
                                  String stepType,
                                  Integer rule,
                                  String field,
                                  String reason) {
    }
}

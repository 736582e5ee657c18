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
     * {@code rowsRead}: CSV data rows or XES events; {@code rowErrors}: rows left out because a value could not be
     * mapped; {@code skipped}: events outside the lifecycle filter or values left out by skipUnmapped;
     * {@code stepsSent = accepted + duplicates + rejected} once the job has ended.
     */
    public record ProgressView(long rowsRead,
                               long rowErrors,
                               long skipped,
                               long stepsSent,
                               long accepted,
                               long duplicates,
                               long rejected,
                               long bytesRead,
                               long bytesTotal,
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

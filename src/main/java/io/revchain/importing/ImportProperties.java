package io.revchain.importing;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Tuning of imports ({@code revchain.import.*}): worker threads, steps per intake call, how many steps a CSV import
 * buffers to group a journey's rows, how many rejected rows and finished jobs are kept, how often progress is logged,
 * and after how many stored steps a job makes them durable (its checkpoints; see docs/import.md).
 */
@ConfigurationProperties("revchain.import")
public record ImportProperties(Integer threads,
                               Integer chunkSize,
                               Integer bufferSteps,
                               Integer keepRejected,
                               Integer keepJobs,
                               Duration progressLogInterval,
                               Path uploadDir,
                               Integer checkpointSteps) {

    @ConstructorBinding
    public ImportProperties {
        threads = positive(threads, 2, "threads");
        chunkSize = positive(chunkSize, 500, "chunk-size");
        bufferSteps = positive(bufferSteps, 20_000, "buffer-steps");
        keepRejected = positive(keepRejected, 100, "keep-rejected");
        keepJobs = positive(keepJobs, 100, "keep-jobs");
        progressLogInterval = progressLogInterval == null ? Duration.ofSeconds(5) : progressLogInterval;
        checkpointSteps = positive(checkpointSteps, 5_000, "checkpoint-steps");
    }

    public ImportProperties(Integer threads, Integer chunkSize, Integer bufferSteps, Integer keepRejected,
                            Integer keepJobs, Duration progressLogInterval, Path uploadDir) {
        this(threads, chunkSize, bufferSteps, keepRejected, keepJobs, progressLogInterval, uploadDir, null);
    }

    public static ImportProperties defaults() {
        return new ImportProperties(null, null, null, null, null, null, null, null);
    }

    ImportProperties withChunkSize(int size) {
        return new ImportProperties(threads, size, bufferSteps, keepRejected, keepJobs, progressLogInterval,
                                    uploadDir, checkpointSteps);
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("revchain.import." + name + " must be at least 1");
        }
        return value;
    }
}

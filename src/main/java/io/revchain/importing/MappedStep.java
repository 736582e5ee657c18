package io.revchain.importing;

import io.revchain.step.StepRequest;
import java.time.Instant;

/** A step produced from the file, with where it came from so that a rejection can name the row. */
record MappedStep(StepRequest request, Instant at, long row, long line, int rule) {
}

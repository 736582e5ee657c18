package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.revchain.step.StepRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportOutcomeTest {

    private static final String LONG_FORMAT = ImportFixture.resource("long-format-mapping.json");

    @TempDir
    Path dir;

    private final InMemoryStepIngestion ingestion = ImportFixture.ingestion();
    private final ImportFixture fixture = new ImportFixture(ingestion);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void businessTimesOutsideYears1900To2199AreRowErrorsNamingTheColumn() {
        // Paris local times: 1899-12-31 23:00 is 22:50:39Z (local mean time +00:09:21 then); 2200-01-01 01:00 is
        // 2200-01-01T00:00Z (CET), the first instant past the range.
        Path file = ImportFixture.write(dir, "times.csv", """
                lead_id;activity;timestamp;owner;note
                T1;Lead captured;1899-12-31 23:00:00;ann;
                T1;MQL;2200-01-01 01:00:00;ann;
                T2;Lead captured;+99999-01-01T00:00:00Z;bob;
                T3;Lead captured;1900-01-01 00:30:00;cid;
                """);
        ImportJob job = fixture.run(LONG_FORMAT, file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(ingestion.steps()).extracting(StepRequest::journeyId, StepRequest::occurredAt)
                                     .containsExactly(tuple("T3", "1900-01-01T00:20:39Z"));
        assertThat(job.view().rejectedRows())
                .extracting(ImportJobView.RejectedRowView::row, ImportJobView.RejectedRowView::field)
                .containsExactly(tuple(1L, "timestamp"), tuple(2L, "timestamp"), tuple(3L, "timestamp"));
        assertThat(job.view().rejectedRows()).allSatisfy(row -> assertThat(row.reason())
                .contains("is out of range", "1900-01-01T00:00:00Z (inclusive)", "2200-01-01T00:00:00Z (exclusive)"));
        assertThat(job.view().rejectedRows().get(1).reason()).contains("'2200-01-01 01:00:00' (2200-01-01T00:00:00Z)");
    }
}

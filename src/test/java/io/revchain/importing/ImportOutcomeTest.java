package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.revchain.chain.TestActors;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void anImportWhoseEveryRowFailed_endsFailedSayingWhyAndWhatToDo() {
        // An activity column no typeMap entry covers, as an XES log imported without its typeMap.
        Path file = ImportFixture.write(dir, "unmapped.csv", """
                lead_id;activity;timestamp;owner;note
                U1;Lead created;2024-01-02 09:00:00;ann;
                U1;Marketing qualified;2024-01-05;ann;
                U2;Lead created;2024-01-03 10:00:00;bob;
                """);
        ImportJob job = fixture.run(LONG_FORMAT, file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("Nothing was stored: every row that yields a step failed",
                                           "3 rows read", "3 row errors",
                                           "The first: row 1 (line 2), activity: 'Lead created' is not a step type",
                                           "Correct the mapping");
        assertThat(job.view().progress().rowErrors()).isEqualTo(3);
        assertThat(ingestion.steps()).isEmpty();
    }

    @Test
    void anImportWithSomeRowsLeftOut_completesAndSaysWhichToCorrect() {
        ImportJob job = fixture.run(LONG_FORMAT, ImportFixture.resourcePath("long-format.csv"));

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.message()).startsWith("Imported with rows left out: 10 rows read")
                                 .contains("4 rows were left out: see rejectedRows (GET /api/imports/" + job.id());
    }

    @Test
    void anEmptyImportOrAReimportOfDuplicates_isNoFailure() {
        Path header = ImportFixture.write(dir, "header.csv", "lead_id;activity;timestamp;owner;note\n");
        assertThat(fixture.run(LONG_FORMAT, header).status()).isEqualTo(ImportJob.Status.COMPLETED);
        Path once = ImportFixture.write(dir, "once.csv", """
                lead_id;activity;timestamp;owner;note
                D1;Lead captured;2024-01-02 09:00:00;ann;
                """);
        fixture.run(LONG_FORMAT, once);
        ImportJob again = fixture.run(LONG_FORMAT, once);
        assertThat(again.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(again.view().progress().duplicates()).isEqualTo(1);
    }

    @Test
    void progressCountsStepsStoredAgainstTheEstimatedTotal_notBytesRead() throws Exception {
        // The whole file is read (and buffered) at once; storing then waits at the second intake call.
        CountDownLatch secondCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        StepIngestion gated = (batch, actor) -> {
            if (calls.incrementAndGet() == 2) {
                secondCall.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ingestion.ingest(batch, actor);
        };
        try (ImportFixture slow = new ImportFixture(gated, new ImportProperties(1, 2, 1000, 100, 100, null, null))) {
            ImportJob job = slow.jobs.start(slow.jobs.parseMapping(LONG_FORMAT.getBytes()),
                                            ImportFixture.resourcePath("long-format.csv"), "long-format.csv", false,
                                            TestActors.RECORDER);
            assertThat(secondCall.await(30, TimeUnit.SECONDS)).isTrue();

            ImportJobView.ProgressView running = job.view().progress();
            assertThat(running.readPercent()).isEqualTo(100);
            // 10 rows: 3 row errors, 7 steps mapped (long-format.csv, see LongFormatCsvImportTest).
            assertThat(running.stepsMapped()).isEqualTo(7);
            assertThat(running.stepsEstimated()).isEqualTo(7);
            long done = running.accepted() + running.duplicates() + running.rejected();
            assertThat(done).isBetween(1L, 6L);
            assertThat(running.percent()).isEqualTo((int) (done * 100 / 7)).isLessThan(99);
            assertThat(running.stepsStored()).isEqualTo(running.accepted() + running.duplicates());

            release.countDown();
            ImportJobView ended = ImportFixture.await(job).view();
            assertThat(ended.progress().percent()).isEqualTo(100);
            assertThat(ended.progress().stepsStored()).isEqualTo(6);
        }
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

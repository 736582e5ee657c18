package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportIdempotencyTest {

    @TempDir
    Path tempDir;

    private static final String CRM_MAPPING = ImportFixture.resource("maven-crm-mapping.json");
    private static final Path CRM_SLICE = ImportFixture.resourcePath("sales_pipeline_slice.csv");
    private static final String XES_MAPPING = ImportFixture.resource("running-example-mapping.json");
    private static final Path XES = ImportFixture.resourcePath("running-example.xes");

    /** Small chunks and a small CSV buffer so that a file takes many intake calls. */
    private static final ImportProperties SMALL_CHUNKS = new ImportProperties(1, 25, 60, 100, 100, null, null);

    @Test
    void importingTheSameFileTwice_addsNothingTheSecondTime() {
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        try (ImportFixture fixture = new ImportFixture(ingestion, SMALL_CHUNKS)) {
            ImportJob first = fixture.run(CRM_MAPPING, CRM_SLICE);
            ImportJob second = fixture.run(CRM_MAPPING, CRM_SLICE);

            assertThat(first.view().progress().accepted()).isEqualTo(380);
            assertThat(second.status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(second.view().progress().accepted()).isZero();
            assertThat(second.view().progress().duplicates()).isEqualTo(380);
            assertThat(ingestion.steps()).hasSize(380);
        }
    }

    @Test
    void repeatedIdenticalEvents_keepDistinctStableIds() {
        String twice = "id,activity,at\r\nJ1,LeadCaptured,2024-01-01\r\nJ1,LeadCaptured,2024-01-01\r\n";
        String mapping = """
                {"mapId": "dup", "format": "csv", "journeyId": "id",
                 "rules": [{"typeFrom": "activity", "at": "at"}]}""";
        Path file = ImportFixture.write(tempDir(), "twice.csv", twice);
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            fixture.run(mapping, file);
            fixture.run(mapping, file);
        }
        assertThat(ingestion.steps()).hasSize(2).extracting(StepRequest::stepId).doesNotHaveDuplicates()
                                     .allMatch(id -> id.matches("dup:[0-9a-f]{32}"));
    }

    @Test
    void anExportWithMoreRows_addsOnlyTheNewRows() {
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        String full = ImportFixture.resource("long-format.csv");
        String firstHalf = full.substring(0, full.indexOf("L3;Lead captured"));
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            String mapping = ImportFixture.resource("long-format-mapping.json");
            fixture.run(mapping, ImportFixture.write(tempDir(), "early-export.csv", firstHalf));
            ImportJob later = fixture.run(mapping, ImportFixture.resourcePath("long-format.csv"));
            assertThat(later.view().progress().duplicates()).isEqualTo(3);
            assertThat(later.view().progress().accepted()).isEqualTo(3);
        }
        assertThat(ingestion.steps()).hasSize(6);
    }

    @Test
    void csvImportInterruptedByAStorageFailure_completesWhenRunAgain() {
        assertRerunEqualsCleanImport(CRM_MAPPING, CRM_SLICE, ImportJob.Status.FAILED, failOnCall(4),
                                     SMALL_CHUNKS);
    }

    @Test
    void xesImportCancelledHalfWay_completesWhenRunAgain() {
        assertRerunEqualsCleanImport(XES_MAPPING, XES, ImportJob.Status.CANCELLED, null,
                                     SMALL_CHUNKS.withChunkSize(5));
    }

    @Test
    void csvImportCancelledHalfWay_completesWhenRunAgain() {
        assertRerunEqualsCleanImport(CRM_MAPPING, CRM_SLICE, ImportJob.Status.CANCELLED, null, SMALL_CHUNKS);
    }

    private void assertRerunEqualsCleanImport(String mapping, Path file, ImportJob.Status interruption,
                                              Consumer<Integer> failure, ImportProperties chunks) {
        InMemoryStepIngestion clean = ImportFixture.ingestion();
        try (ImportFixture fixture = new ImportFixture(clean, chunks)) {
            fixture.run(mapping, file);
        }

        InMemoryStepIngestion store = ImportFixture.ingestion();
        AtomicInteger calls = new AtomicInteger();
        ImportFixture[] holder = new ImportFixture[1];
        StepIngestion interrupting = (steps, actor) -> {
            int call = calls.incrementAndGet();
            if (failure != null) {
                failure.accept(call);
            } else if (call == 3) {
                holder[0].jobs.list().forEach(job -> holder[0].jobs.cancel(job.id()));
            }
            return store.ingest(steps, actor);
        };
        try (ImportFixture fixture = new ImportFixture(interrupting, chunks)) {
            holder[0] = fixture;
            ImportJob interrupted = fixture.run(mapping, file);
            assertThat(interrupted.status()).isEqualTo(interruption);
            assertThat(interrupted.message()).contains("steps accepted before that stay stored",
                                                       "recognised as duplicates");
            assertThat(store.steps()).isNotEmpty().hasSizeLessThan(clean.steps().size());
        }
        long storedBefore = store.steps().size();

        ImportJob rerun;
        try (ImportFixture fixture = new ImportFixture(store, chunks)) {
            rerun = fixture.run(mapping, file);
        }
        assertThat(rerun.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(rerun.view().progress().duplicates()).isEqualTo(storedBefore);
        assertThat(rerun.view().progress().accepted()).isEqualTo(clean.steps().size() - storedBefore);
        assertThat(store.steps()).containsExactlyInAnyOrderElementsOf(clean.steps());
    }

    private static Consumer<Integer> failOnCall(int failing) {
        return call -> {
            if (call == failing) {
                throw new IllegalStateException("database unavailable");
            }
        };
    }

    private Path tempDir() {
        return tempDir;
    }
}

package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.revchain.step.StepRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class LongFormatCsvImportTest {

    private final InMemoryStepIngestion ingestion = ImportFixture.ingestion();

    private ImportJob importLongFormat() {
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            return fixture.run(ImportFixture.resource("long-format-mapping.json"),
                               ImportFixture.resourcePath("long-format.csv"));
        }
    }

    @Test
    void rowsOfAJourneySpreadOverTheFile_areSentTogetherInBusinessTimeOrder() {
        ImportJob job = importLongFormat();

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(ingestion.steps()).extracting(StepRequest::journeyId, StepRequest::type, StepRequest::occurredAt)
                .containsExactly(tuple("L1", "LeadCaptured", "2024-01-02T08:00:00Z"),
                                 tuple("L1", "LeadQualified", "2024-01-04T23:00:00Z"),
                                 tuple("L1", "DealWon", "2024-02-01T11:00:00Z"),
                                 tuple("L2", "LeadCaptured", "2024-01-03T09:00:00Z"),
                                 tuple("L3", "LeadQualified", "2024-01-03T07:00:00Z"),
                                 tuple("L3", "LeadCaptured", "2024-01-04T07:00:00Z"));
        // One call with all seven steps, refused for the contradiction, then the six others again.
        assertThat(ingestion.callSizes()).containsExactly(7, 6);
        assertThat(ingestion.steps().get(0).attributes())
                .containsEntry("note", "first touch; via \"webinar\"").containsEntry("owner", "ann");
        assertThat(ingestion.steps().get(1).attributes()).containsEntry("note", "multi\r\nline note");
        assertThat(ingestion.steps().get(3).attributes()).doesNotContainKey("note");
    }

    @Test
    void badValuesAndRefusedSteps_areReportedWithRowAndLine_andTheRestIsImported() {
        ImportJob job = importLongFormat();
        ImportJobView view = job.view();

        assertThat(view.progress()).extracting(ImportJobView.ProgressView::rowsRead,
                                               ImportJobView.ProgressView::stepsSent,
                                               ImportJobView.ProgressView::accepted,
                                               ImportJobView.ProgressView::rejected,
                                               ImportJobView.ProgressView::rowErrors)
                                   .containsExactly(10L, 7L, 6L, 1L, 3L);
        List<ImportJobView.RejectedRowView> rejected = view.rejectedRows();
        assertThat(rejected).extracting(ImportJobView.RejectedRowView::row, ImportJobView.RejectedRowView::line,
                                        ImportJobView.RejectedRowView::journeyId,
                                        ImportJobView.RejectedRowView::field)
                            .containsExactly(tuple(4L, 6L, "L2", "timestamp"),
                                             tuple(7L, 9L, "L2", "activity"),
                                             tuple(10L, 12L, null, null),
                                             tuple(8L, 10L, "L1", "type"));
        assertThat(rejected.get(0).reason()).contains("'05/01/2024'", "atFormat");
        assertThat(rejected.get(1).reason()).contains("'Coffee' is not a step type", "skipUnmapped");
        assertThat(rejected.get(2).reason()).isEqualTo("the row has 3 fields, the header has 5");
        assertThat(rejected.get(3).reason()).contains(InMemoryStepIngestion.WON_AND_LOST, "already has DealWon");
        assertThat(rejected.get(3).stepType()).isEqualTo("DealLost");
        assertThat(rejected.get(3).rule()).isZero();
    }

    @Test
    void atFormat_readsOtherPatternsStrictly() {
        String mapping = ImportFixture.resource("long-format-mapping.json")
                                      .replace("\"timezone\"", "\"atFormat\": \"dd/MM/yyyy\", \"timezone\"");
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            ImportJob job = fixture.run(mapping, ImportFixture.resourcePath("long-format.csv"));
            // Only the dd/MM/yyyy value fits now; every ISO value is a row error, never a guess.
            assertThat(ingestion.steps()).extracting(StepRequest::journeyId, StepRequest::occurredAt)
                                         .containsExactly(tuple("L2", "2024-01-04T23:00:00Z"));
            assertThat(job.view().progress().rowErrors()).isEqualTo(9);
        }
    }
}

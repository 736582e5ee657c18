package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revchain.step.StepRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MavenCrmImportTest {

    private static final String MAPPING = ImportFixture.resource("maven-crm-mapping.json");

    @Test
    void slice_stepsMatchWhatTheCsvSays() throws IOException {
        verify(ImportFixture.resourcePath("sales_pipeline_slice.csv"), 220);
    }

    @Test
    void fullPipeline_stepsMatchWhatTheCsvSays() throws IOException {
        Path full = ImportFixture.SHARED.resolve("maven-crm/sales_pipeline.csv");
        assumeTrue(Files.exists(full), "shared data set not beside the repository");
        verify(full, 8_800);
    }

    private void verify(Path csv, int rows) throws IOException {
        List<Map<String, String>> expected = plainSplit(csv);
        assertThat(expected).hasSize(rows);

        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(MAPPING, csv);
        }
        List<StepRequest> steps = ingestion.steps();
        ImportJobView.ProgressView progress = job.view().progress();

        long opened = expected.stream().filter(r -> !r.get("engage_date").isEmpty()).count();
        long won = expected.stream().filter(r -> r.get("deal_stage").equals("Won")).count();
        long lost = expected.stream().filter(r -> r.get("deal_stage").equals("Lost")).count();
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(countByType(steps)).containsExactlyInAnyOrderEntriesOf(
                Map.of("OpportunityOpened", opened, "DealWon", won, "DealLost", lost));
        assertThat(progress.rowsRead()).isEqualTo(rows);
        assertThat(progress.accepted()).isEqualTo(opened + won + lost).isEqualTo(progress.stepsSent());
        assertThat(progress.rowErrors() + progress.rejected() + progress.duplicates()).isZero();
        assertThat(progress.percent()).isEqualTo(100);
        assertThat(steps).extracting(StepRequest::stepId).doesNotHaveDuplicates();

        long wonValue = expected.stream().filter(r -> r.get("deal_stage").equals("Won"))
                                .mapToLong(r -> Long.parseLong(r.get("close_value"))).sum();
        assertThat(steps.stream().filter(s -> s.type().equals("DealWon"))
                        .mapToLong(s -> (Long) s.attributes().get("amount")).sum()).isEqualTo(wonValue);

        Map<String, Map<String, StepRequest>> byJourney = new HashMap<>();
        steps.forEach(s -> byJourney.computeIfAbsent(s.journeyId(), j -> new HashMap<>()).put(s.type(), s));
        List<Map<String, String>> closed = expected.stream().filter(r -> !r.get("close_date").isEmpty()).toList();
        List<Map<String, String>> sample = List.of(closed.get(0), closed.get(closed.size() / 2),
                                                   closed.get(closed.size() - 1));
        for (Map<String, String> row : sample) {
            Map<String, StepRequest> journey = byJourney.get(row.get("opportunity_id"));
            StepRequest close = journey.get(row.get("deal_stage").equals("Won") ? "DealWon" : "DealLost");
            Duration imported = Duration.between(Instant.parse(journey.get("OpportunityOpened").occurredAt()),
                                                 Instant.parse(close.occurredAt()));
            long days = LocalDate.parse(row.get("engage_date")).until(LocalDate.parse(row.get("close_date")),
                                                                      ChronoUnit.DAYS);
            assertThat(imported).isEqualTo(Duration.ofDays(days));
            assertThat(close.occurredAt()).isEqualTo(
                    LocalDate.parse(row.get("close_date")).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            assertThat(close.attributes()).containsEntry("owner", row.get("sales_agent"))
                                          .containsEntry("product", row.get("product"))
                                          .containsEntry("source", "maven-crm");
        }
        Map<String, String> noAccount = expected.stream()
                .filter(r -> r.get("account").isEmpty() && !r.get("engage_date").isEmpty()).findFirst().orElseThrow();
        assertThat(byJourney.get(noAccount.get("opportunity_id")).get("OpportunityOpened").attributes())
                .doesNotContainKey("account");
        assertThat(ingestion.callSizes()).allMatch(size -> size <= 500)
                                         .hasSize((int) Math.ceil((opened + won + lost) / 500.0));
    }

    private static Map<String, Long> countByType(List<StepRequest> steps) {
        return steps.stream().collect(Collectors.groupingBy(StepRequest::type, Collectors.counting()));
    }

    /** The data set has no quoted fields, so a plain split is an independent reading of it. */
    private static List<Map<String, String>> plainSplit(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\"").contains("\r\n");
        List<String> lines = text.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        return lines.stream().skip(1).filter(l -> !l.isEmpty()).map(line -> {
            String[] values = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i]);
            }
            return row;
        }).collect(Collectors.toList());
    }
}

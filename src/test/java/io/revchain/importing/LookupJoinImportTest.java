package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.step.StepRequest;
import io.revchain.system.web.FieldError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping joins accounts.csv to the Maven CRM pipeline on the account name: each step carries its sector. */
class LookupJoinImportTest {

    private static final String MAPPING = ImportFixture.resource("maven-crm-accounts-mapping.json");
    private static final Path SLICE = ImportFixture.resourcePath("sales_pipeline_slice.csv");
    private static final Path ACCOUNTS = ImportFixture.resourcePath("accounts.csv");

    @TempDir
    Path dir;

    @Test
    void everyStepCarriesTheSectorOfItsAccount_andRowsWithoutAnAccountNone() throws IOException {
        Map<String, String> sectorOf = column(ACCOUNTS, "account", "sector");
        Map<String, String> accountOf = column(SLICE, "opportunity_id", "account");
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(MAPPING, SLICE, Map.of("accounts", ACCOUNTS));
        }

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        List<StepRequest> steps = ingestion.steps();
        assertThat(steps).isNotEmpty();
        long withoutAccount = 0;
        for (StepRequest step : steps) {
            String account = accountOf.get(step.journeyId());
            if (account.isEmpty()) {
                withoutAccount++;
                assertThat(step.attributes()).doesNotContainKey("sector");
            } else {
                assertThat(step.attributes()).containsEntry("sector", sectorOf.get(account));
            }
        }
        assertThat(withoutAccount).isPositive();
        long rowsWithoutAccount = accountOf.values().stream().filter(String::isEmpty).count();
        assertThat(job.message()).contains("Joined lookup accounts: " + sectorOf.size() + " rows; "
                                           + rowsWithoutAccount + " rows had no account, 0 matched no row");
    }

    @Test
    void keyOnTwoRowsOfTheLookup_failsTheImportNamingTheKey_beforeAnyStep() throws IOException {
        Path accounts = Files.writeString(dir.resolve("accounts.csv"),
                "account,sector\r\nCancity,retail\r\nIsdom,medical\r\nCancity,software\r\n");
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(MAPPING, SLICE, Map.of("accounts", accounts));
        }

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(FieldError::field).containsExactly("lookups.accounts.key");
        assertThat(job.errors().get(0).reason()).contains("key 'Cancity' is on lines 2 and 4");
        assertThat(ingestion.callSizes()).isEmpty();
    }

    @Test
    void columnMissingFromTheLookup_failsNamingTheMappingField() throws IOException {
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), "account,industry\r\nCancity,retail\r\n");
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(MAPPING, SLICE, Map.of("accounts", accounts));
        }

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(FieldError::field).contains("rules[0].attributes.sector.column");
        assertThat(job.errors().get(0).reason()).contains("column 'sector' is not in the header of lookup accounts");
        assertThat(ingestion.callSizes()).isEmpty();
    }

    @Test
    void lookupFileNotSent_failsNamingTheLookup() {
        InMemoryStepIngestion ingestion = ImportFixture.ingestion();
        ImportJob job;
        try (ImportFixture fixture = new ImportFixture(ingestion)) {
            job = fixture.run(MAPPING, SLICE);
        }
        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(FieldError::field).containsExactly("lookups.accounts");
    }

    /** An independent reading: the files have no quoted fields, so a plain split is enough. */
    private static Map<String, String> column(Path csv, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, String> result = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            result.put(cells[header.indexOf(key)], cells[header.indexOf(value)]);
        }
        return result;
    }
}

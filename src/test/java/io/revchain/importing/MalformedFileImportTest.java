package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.system.web.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedFileImportTest {

    private static final String CRM_MAPPING = ImportFixture.resource("maven-crm-mapping.json");

    @TempDir
    Path dir;

    private final InMemoryStepIngestion ingestion = ImportFixture.ingestion();
    private final ImportFixture fixture = new ImportFixture(ingestion,
            new ImportProperties(1, 5, 5, 100, 100, null, null));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void badCsvQuoting_failsNamingTheLine() {
        Path file = ImportFixture.write(dir, "bad.csv", """
                opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
                A1,Ann,GTX,"Acme, Inc",Won,2017-01-02,2017-02-03,100
                A2,Bob,GTX,"Acme" Inc,Won,2017-01-02,2017-02-03,100
                """);
        ImportJob job = fixture.run(CRM_MAPPING, file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("cannot be read as csv", "line 3",
                                           "unexpected character 'I' after the closing quote of field 4",
                                           "Nothing was stored");
        assertThat(ingestion.steps()).isEmpty();
        assertHealthy();
    }

    @Test
    void unclosedQuote_failsNamingWhereItOpened() {
        Path file = ImportFixture.write(dir, "unclosed.csv", """
                opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
                A1,Ann,GTX,"Acme,Won,2017-01-02,2017-02-03,100
                A2,Bob,GTX,Acme,Won,2017-01-02,2017-02-03,100
                """);
        ImportJob job = fixture.run(CRM_MAPPING, file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("line 2: the quoted field 4 opened here is never closed");
    }

    @Test
    void wrongDelimiter_failsNamingTheMappingFields_andSuggestsTheDelimiter() {
        ImportJob job = fixture.run(CRM_MAPPING.replace("\"delimiter\": \",\"", "\"delimiter\": \";\""),
                                    ImportFixture.resourcePath("sales_pipeline_slice.csv"));

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(FieldError::field)
                                .contains("journeyId", "rules[0].at", "rules[1].when.column",
                                          "rules[1].attributes.amount", "rules[2].attributes.owner");
        assertThat(job.errors().get(0).reason()).contains("column 'opportunity_id' is not in the CSV header",
                                                          "is the delimiter ',' rather than ';'?");
        assertThat(job.message()).contains("Nothing was stored");
        assertThat(ingestion.callSizes()).isEmpty();
        assertHealthy();
    }

    @Test
    void mappingNamingAMissingColumn_failsBeforeAnythingIsStored() {
        ImportJob job = fixture.run(CRM_MAPPING.replace("\"close_date\"", "\"closed_on\""),
                                    ImportFixture.resourcePath("sales_pipeline_slice.csv"));

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.errors()).extracting(FieldError::field).containsExactly("rules[1].at", "rules[2].at");
        assertThat(job.errors().get(0).reason()).contains("column 'closed_on' is not in the CSV header",
                                                          "columns: opportunity_id, sales_agent");
        assertThat(ingestion.callSizes()).isEmpty();
    }

    @Test
    void xmlThatIsNotXes_fails() {
        Path file = ImportFixture.write(dir, "feed.xml", "<?xml version=\"1.0\"?><rss><channel/></rss>");
        ImportJob job = fixture.run(ImportFixture.resource("running-example-mapping.json"), file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("not an XES log: the root element is <rss>");
    }

    @Test
    void csvGivenAsXes_failsAsNotWellFormedXml() {
        ImportJob job = fixture.run(ImportFixture.resource("running-example-mapping.json"),
                                    ImportFixture.resourcePath("sales_pipeline_slice.csv"));

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("not well-formed XML at line 1");
    }

    @Test
    void truncatedGzip_failsAndKeepsOnlyWholeJourneys() throws IOException {
        byte[] xes = Files.readAllBytes(ImportFixture.resourcePath("running-example.xes"));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(xes);
        }
        byte[] whole = zipped.toByteArray();
        Path file = dir.resolve("log.xes.gz");
        Files.write(file, Arrays.copyOf(whole, whole.length * 2 / 3));

        ImportJob job = fixture.run(ImportFixture.resource("running-example-mapping.json"), file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("gzip data is truncated", "steps accepted before that stay stored");
        Map<String, Long> clean = eventsPerCase(xes);
        Map<String, Long> stored = new HashMap<>();
        ingestion.steps().forEach(s -> stored.merge(s.journeyId(), 1L, Long::sum));
        assertThat(stored).isNotEmpty();
        stored.forEach((journey, count) -> assertThat(count).as("journey " + journey).isEqualTo(clean.get(journey)));
        assertHealthy();
    }

    @Test
    void xesEndingInsideATrace_fails() {
        String xes = ImportFixture.resource("running-example.xes");
        Path file = ImportFixture.write(dir, "cut.xes", xes.substring(0, xes.length() / 2));
        ImportJob job = fixture.run(ImportFixture.resource("running-example-mapping.json"), file);

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.message()).contains("not well-formed XML");
    }

    @Test
    void invalidUtf8_failsSuggestingAnEncoding() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, ("opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,"
                           + "close_value\nA1,Ren\u00e9,GTX,Acme,Won,2017-01-02,2017-02-03,100\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ImportJob failed = fixture.run(CRM_MAPPING, file);
        assertThat(failed.message()).contains("not valid UTF-8", "set encoding");

        String latin1Mapping = CRM_MAPPING.replace("\"timezone\"", "\"encoding\": \"ISO-8859-1\", \"timezone\"");
        ImportJob latin1 = fixture.run(latin1Mapping, file);
        assertThat(latin1.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(ingestion.steps().get(0).attributes()).containsEntry("owner", "Ren\u00e9");
    }

    /** After a failed import the service still imports a good file. */
    private void assertHealthy() {
        InMemoryStepIngestion fresh = ImportFixture.ingestion();
        try (ImportFixture other = new ImportFixture(fresh)) {
            ImportJob job = fixture.run(CRM_MAPPING, ImportFixture.resourcePath("sales_pipeline_slice.csv"));
            assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(other.jobs.list()).isEmpty();
        }
    }

    private static Map<String, Long> eventsPerCase(byte[] xes) {
        Map<String, Long> counts = new HashMap<>();
        String text = new String(xes);
        for (String trace : text.split("<trace>")) {
            if (!trace.contains("</trace>")) {
                continue;
            }
            java.util.regex.Matcher name = java.util.regex.Pattern
                    .compile("<string key=\"concept:name\" value=\"([^\"]*)\"/>").matcher(trace);
            name.find();
            counts.put(name.group(1), (long) trace.split("<event>").length - 1);
        }
        return counts;
    }
}

package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.identity.TestPrincipals;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepIngestion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory",
                              "revchain.import.upload-dir=target/import-uploads-endpoint-test"})
@AutoConfigureWebTestClient
class ImportEndpointTest {

    private static final InMemoryStepIngestion INGESTION = ImportFixture.ingestion();

    /**
     * The in-memory intake and the test's declared types, added as primary beans: the importer uses them, while
     * other features keep the beans they inject by class (replacing those beans would break them).
     */
    @TestConfiguration
    static class Intake {

        @Bean
        @Primary
        StepIngestion inMemoryStepIngestion() {
            return INGESTION;
        }

        @Bean
        @Primary
        DeclaredStepTypes testDeclaredStepTypes() {
            return ImportFixture.DECLARED;
        }
    }

    private static final Path UPLOADS = Path.of("target/import-uploads-endpoint-test");

    @Autowired
    WebTestClient web;

    private final InMemoryStepIngestion ingestion = INGESTION;

    @LocalServerPort
    int port;

    private WebTestClient.ResponseSpec upload(String mapping, Path file) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        if (mapping != null) {
            parts.part("mapping", mapping, MediaType.APPLICATION_JSON);
        }
        if (file != null) {
            parts.part("file", new FileSystemResource(file));
        }
        return web.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                  .body(BodyInserters.fromMultipartData(parts.build())).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = web.get().uri("/api/imports/{id}", id).exchange()
                                         .expectStatus().isOk().expectBody(Map.class).returnResult()
                                         .getResponseBody();
            if (!job.get("status").equals("QUEUED") && !job.get("status").equals("RUNNING")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    @Test
    @SuppressWarnings("unchecked")
    void upload_isAcceptedWithLocation_andRunsToCompletion() throws Exception {
        int before = ingestion.steps().size();
        Map<String, Object> accepted = upload(ImportFixture.resource("running-example-mapping.json"),
                                              ImportFixture.resourcePath("running-example.xes"))
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/imports/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) accepted.get("id");
        assertThat(accepted).containsEntry("fileName", "running-example.xes").containsEntry("mapId", "running-example")
                            .containsKey("status");

        Map<String, Object> done = awaitEnd(id);
        Map<String, Object> progress = (Map<String, Object>) done.get("progress");
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(progress).containsEntry("rowsRead", 42).containsEntry("percent", 100)
                            .containsEntry("bytesTotal",
                                           (int) Files.size(ImportFixture.resourcePath("running-example.xes")));
        assertThat((Integer) progress.get("accepted") + (Integer) progress.get("duplicates")).isEqualTo(42);
        assertThat(ingestion.steps().size() - before).isEqualTo(progress.get("accepted"));
        assertThat((String) done.get("startedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        web.get().uri("/api/imports").exchange().expectStatus().isOk()
           .expectBody().jsonPath("$[?(@.id == '" + id + "')].status").isEqualTo("COMPLETED");
        try (Stream<Path> left = Files.list(UPLOADS)) {
            assertThat(left).as("uploaded files are removed after the import").isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void lookupFile_travelsAsItsOwnPart_andIsJoined_missingOrUnknownLookupParts_are400() throws Exception {
        String mapping = ImportFixture.resource("maven-crm-accounts-mapping.json");
        Path pipeline = ImportFixture.resourcePath("sales_pipeline_slice.csv");
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", mapping, MediaType.APPLICATION_JSON);
        parts.part("lookup.accounts", new FileSystemResource(ImportFixture.resourcePath("accounts.csv")));
        parts.part("file", new FileSystemResource(pipeline));
        Map<String, Object> accepted = web.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                                          .body(BodyInserters.fromMultipartData(parts.build())).exchange()
                                          .expectStatus().isAccepted().expectBody(Map.class).returnResult()
                                          .getResponseBody();
        Map<String, Object> done = awaitEnd((String) accepted.get("id"));
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat((String) done.get("message")).contains("Joined lookup accounts: 85 rows");

        upload(mapping, pipeline).expectStatus().isBadRequest()
                                 .expectBody().jsonPath("$.errors[0].field").isEqualTo("lookup.accounts");
        MultipartBodyBuilder unknown = new MultipartBodyBuilder();
        unknown.part("mapping", ImportFixture.resource("maven-crm-mapping.json"), MediaType.APPLICATION_JSON);
        unknown.part("lookup.teams", "sales_agent,regional_office\r\n", MediaType.TEXT_PLAIN);
        unknown.part("file", new FileSystemResource(pipeline));
        web.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
           .body(BodyInserters.fromMultipartData(unknown.build())).exchange()
           .expectStatus().isBadRequest()
           .expectBody().jsonPath("$.errors[0].field").isEqualTo("lookup.teams")
           .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r).contains("no lookup 'teams'"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long left;
        do {
            // Refused uploads are deleted in the background.
            Thread.sleep(20);
            try (Stream<Path> files = Files.list(UPLOADS)) {
                left = files.count();
            }
        } while (left > 0 && System.nanoTime() < deadline);
        assertThat(left).as("refused uploads are removed").isZero();
    }

    @Test
    void badMapping_is400ProblemNamingTheField() {
        upload("{\"mapId\": \"m\", \"format\": \"csv\", \"journeyId\": \"id\", \"rules\": [{\"at\": \"d\"}]}",
               ImportFixture.resourcePath("sales_pipeline_slice.csv"))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rules[0].type");
    }

    @Test
    void missingParts_are400NamingThem() {
        MultipartBodyBuilder other = new MultipartBodyBuilder();
        other.part("note", "neither mapping nor file");
        web.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
           .body(BodyInserters.fromMultipartData(other.build())).exchange()
           .expectStatus().isBadRequest()
           .expectBody().jsonPath("$.errors[*].field").isEqualTo(List.of("mapping", "file"));
        upload(ImportFixture.resource("maven-crm-mapping.json"), null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
    }

    @Test
    void unknownJob_is404Problem() {
        web.get().uri("/api/imports/{id}", "no-such-import").exchange()
           .expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void malformedFile_endsFailedWithTheReason_andTheServiceKeepsImporting(@TempDir Path dir)
            throws Exception {
        Path bad = ImportFixture.write(dir, "bad.xes", "<log><trace><event></log>");
        String id = (String) upload(ImportFixture.resource("running-example-mapping.json"), bad)
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id");
        Map<String, Object> failed = awaitEnd(id);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat((String) failed.get("message")).contains("not well-formed XML", "Fix the file");

        String next = (String) upload(ImportFixture.resource("maven-crm-mapping.json"),
                                      ImportFixture.resourcePath("sales_pipeline_slice.csv"))
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id");
        assertThat(awaitEnd(next).get("status")).isEqualTo("COMPLETED");
    }

    @Test
    void cli_uploadsFollowsProgressAndExitsZeroOnCompletion(@TempDir Path dir)
            throws IOException {
        Path mapping = Files.writeString(dir.resolve("m.json"), ImportFixture.resource("long-format-mapping.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        String key = TestPrincipals.apiKey(web, "cli-importer", "recorder");
        int exit = ImportCommand.run(new String[] {"import", "--mapping", mapping.toString(), "--url",
                                                   "http://localhost:" + port, "--api-key", key,
                                                   ImportFixture.resourcePath("long-format.csv").toString()},
                                     new PrintStream(out, true, StandardCharsets.UTF_8),
                                     new PrintStream(err, true, StandardCharsets.UTF_8), false, Duration.ofMillis(50));

        String printed = out.toString(StandardCharsets.UTF_8);
        // Rows were left out: completed, but not every row imported (exit status 3, docs/import.md).
        assertThat(exit).as(printed + err).isEqualTo(3);
        assertThat(printed).contains("Uploading long-format.csv", "Stored 100% [", "steps", "file 100% read",
                                     "1 rejected, 3 row errors, COMPLETED",
                                     "row 4 (line 6), journey L2: timestamp: '05/01/2024'",
                                     "rule " + InMemoryStepIngestion.WON_AND_LOST,
                                     "Completed with 4 rows left out (exit status 3)");
    }

    @Test
    void cli_exitsNonZeroWithTheReason_onRefusedMappingOrFailedImport(@TempDir Path dir)
            throws IOException {
        Path badMapping = Files.writeString(dir.resolve("bad.json"), "{\"mapId\": \"m\", \"format\": \"doc\"}");
        Path semicolons = Files.writeString(dir.resolve("m.json"), ImportFixture.resource("maven-crm-mapping.json")
                                                                                .replace("\",\"", "\";\""));
        String csv = ImportFixture.resourcePath("sales_pipeline_slice.csv").toString();
        String url = "http://localhost:" + port;
        String key = TestPrincipals.apiKey(web, "cli-importer", "recorder");

        ByteArrayOutputStream anonymous = new ByteArrayOutputStream();
        assertThat(cli(anonymous, "--mapping", badMapping.toString(), "--url", url, csv)).isEqualTo(1);
        assertThat(anonymous.toString(StandardCharsets.UTF_8)).contains("HTTP 401", "--api-key");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(err, "--mapping", badMapping.toString(), "--url", url, "--api-key", key, csv)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 400", "format: unknown format 'doc'");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImportCommand.run(new String[] {"--mapping=" + semicolons, "--url=" + url, "--api-key=" + key,
                                                   csv},
                                     new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false,
                                     Duration.ofMillis(50))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED", "journeyId: column 'opportunity_id'");

        ByteArrayOutputStream allFailed = new ByteArrayOutputStream();
        Path untyped = Files.writeString(dir.resolve("untyped.json"), ImportFixture.resource("long-format-mapping.json")
                .replace("\"Lead captured\": \"LeadCaptured\", ", ""));
        Path onlyCaptures = Files.writeString(dir.resolve("captures.csv"), """
                lead_id;activity;timestamp;owner;note
                C1;Lead captured;2024-01-02 09:00:00;ann;
                C2;Lead captured;2024-01-03 09:00:00;bob;
                """);
        assertThat(ImportCommand.run(new String[] {"--mapping", untyped.toString(), "--url", url, "--api-key", key,
                                                   onlyCaptures.toString()},
                                     new PrintStream(allFailed, true, StandardCharsets.UTF_8), System.err, false,
                                     Duration.ofMillis(50))).isEqualTo(1);
        assertThat(allFailed.toString(StandardCharsets.UTF_8)).contains("FAILED", "Nothing was stored");

        assertThat(cli(new ByteArrayOutputStream(), "--url", url, csv)).isEqualTo(2);
        ByteArrayOutputStream unreachable = new ByteArrayOutputStream();
        assertThat(cli(unreachable, "--mapping", badMapping.toString(), "--url", "http://localhost:1", csv))
                .isEqualTo(1);
        assertThat(unreachable.toString(StandardCharsets.UTF_8)).contains("Cannot reach revchain");
    }

    @Test
    void cli_sendsEachLookupFile_andRefusesALookupWithoutAFile(@TempDir Path dir) throws IOException {
        Path mapping = Files.writeString(dir.resolve("m.json"),
                                         ImportFixture.resource("maven-crm-accounts-mapping.json"));
        String url = "http://localhost:" + port;
        String csv = ImportFixture.resourcePath("sales_pipeline_slice.csv").toString();
        String key = TestPrincipals.apiKey(web, "cli-lookups", "recorder");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ImportCommand.run(new String[] {"import", "--mapping", mapping.toString(), "--lookup",
                                                   "accounts=" + ImportFixture.resourcePath("accounts.csv"),
                                                   "--url", url, "--api-key", key, csv},
                                     new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false,
                                     Duration.ofMillis(50));

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("COMPLETED", "Joined lookup accounts: 85 rows");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(err, "--mapping", mapping.toString(), "--lookup", "accounts", "--url", url, "--api-key", key,
                       csv)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--lookup needs <name>=<file.csv>");
    }

    private static int cli(ByteArrayOutputStream err, String... args) {
        return ImportCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
                                 new PrintStream(err, true, StandardCharsets.UTF_8), false, Duration.ofMillis(50));
    }
}

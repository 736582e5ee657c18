package io.revchain.analytics.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The Maven CRM pipeline imported through the API with accounts.csv joined on the account (the mapping
 * maven-crm-accounts-mapping.json): won revenue and deal counts per sales agent, per product and per account sector,
 * and the stage figures grouped and filtered by those attributes, equal independent sums over the CSV files. Uses the
 * full 8,800 rows from ../shared/data when present (about two seconds of import), else the 220-row slice in
 * src/test/resources.
 */
class MavenCrmRevenueTest extends RevenueApiSupport {

    private static final Path SHARED = Path.of("..", "shared", "data", "maven-crm");
    private static final Path RESOURCES = Path.of("src", "test", "resources", "importing");
    private static final String MAP = "maven-revenue";
    private static final String READ = "asOf=2018-01-01T00:00:00Z&filter.source=maven-crm";
    private static final ParameterizedTypeReference<Map<String, Object>> ROW = new ParameterizedTypeReference<>() { };
    private static volatile List<Map<String, String>> pipeline;

    @Autowired
    WebTestClient http;

    record Deal(String agent, String product, String sector, String stage, boolean engaged, BigDecimal value) {
    }

    private static Path pipelineFile() {
        Path full = SHARED.resolve("sales_pipeline.csv");
        return Files.exists(full) ? full : RESOURCES.resolve("sales_pipeline_slice.csv");
    }

    @BeforeEach
    void importThePipelineOnce() throws Exception {
        synchronized (MavenCrmRevenueTest.class) {
            if (pipeline != null) {
                return;
            }
            putMap(http, MAP, Map.of("name", "Maven CRM revenue", "currency", "USD", "stages", List.of(
                    Map.of("stageId", "engaging", "name", "Engaging", "owner", "SALES",
                           "enteredOn", List.of("OpportunityOpened")),
                    Map.of("stageId", "won", "name", "Won", "owner", "SALES", "enteredOn", List.of("DealWon")),
                    Map.of("stageId", "lost", "name", "Lost", "owner", "SALES", "enteredOn", List.of("DealLost")))));
            MultipartBodyBuilder parts = new MultipartBodyBuilder();
            parts.part("mapping", Files.readString(RESOURCES.resolve("maven-crm-accounts-mapping.json")),
                       MediaType.APPLICATION_JSON);
            parts.part("lookup.accounts", new FileSystemResource(RESOURCES.resolve("accounts.csv")));
            parts.part("file", new FileSystemResource(pipelineFile()));
            Map<String, Object> job = http.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                                          .body(BodyInserters.fromMultipartData(parts.build())).exchange()
                                          .expectStatus().isAccepted().expectBody(DOCUMENT).returnResult()
                                          .getResponseBody();
            awaitImport((String) job.get("id"));
            List<Map<String, String>> rows = read(pipelineFile());
            long won = rows.stream().filter(r -> r.get("deal_stage").equals("Won")).count();
            awaitDocument(http, "/api/maps/" + MAP + "/revenue?" + READ,
                          doc -> ((Number) rows(doc, "origins").get(0).get("wonDeals")).longValue() == won);
            pipeline = rows;
        }
    }

    private void awaitImport(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = document(http, "/api/imports/" + id);
            if (!"QUEUED".equals(job.get("status")) && !"RUNNING".equals(job.get("status"))) {
                assertThat(job.get("status")).as("import: %s", job).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    /** An independent reading: neither file has quoted fields, so a plain split is enough. */
    private static List<Map<String, String>> read(Path file) throws IOException {
        Map<String, String> sectors = new HashMap<>();
        for (Map<String, String> account : split(RESOURCES.resolve("accounts.csv"))) {
            sectors.put(account.get("account"), account.get("sector"));
        }
        List<Map<String, String>> rows = split(file);
        rows.forEach(r -> r.put("sector", sectors.getOrDefault(r.get("account"), "(none)")));
        return rows;
    }

    private static List<Map<String, String>> split(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).strip().split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.strip().split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** Won deals and the sum of close_value per value of a column; an empty value is "(none)". */
    private static Map<String, BigDecimal[]> wonBy(String column, Predicate<Map<String, String>> filter) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Map<String, String> row : pipeline) {
            if (!row.get("deal_stage").equals("Won") || !filter.test(row)) {
                continue;
            }
            String key = row.get(column).isEmpty() ? "(none)" : row.get(column);
            BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(BigDecimal.ONE);
            sum[1] = sum[1].add(new BigDecimal(row.get("close_value")));
        }
        return sums;
    }

    private Map<String, BigDecimal[]> apiWonBy(String groupBy, String filters) {
        Map<String, Object> doc = document(http, "/api/maps/" + MAP + "/revenue?" + READ + filters
                                                 + (groupBy == null ? "" : "&groupBy=" + groupBy));
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Map<String, Object> row : rows(doc, "origins")) {
            if (((Number) row.get("wonDeals")).longValue() == 0) {
                continue;
            }
            sums.put(groupBy == null ? "all" : (String) row.get("group"), new BigDecimal[] {
                    new BigDecimal(row.get("wonDeals").toString()), new BigDecimal(row.get("wonRevenue").toString())});
        }
        return sums;
    }

    private static void assertSameSums(Map<String, BigDecimal[]> api, Map<String, BigDecimal[]> csv) {
        assertThat(api.keySet()).isEqualTo(csv.keySet());
        csv.forEach((key, sum) -> {
            assertThat(api.get(key)[0]).as("deals of %s", key).isEqualByComparingTo(sum[0]);
            assertThat(api.get(key)[1]).as("revenue of %s", key).isEqualByComparingTo(sum[1]);
        });
    }

    @Test
    void wonRevenueAndDeals_perSalesAgentProductAndSector_equalSumsOverTheCsv() {
        assertSameSums(apiWonBy("owner", ""), wonBy("sales_agent", r -> true));
        assertSameSums(apiWonBy("product", ""), wonBy("product", r -> true));
        Map<String, BigDecimal[]> sectors = wonBy("sector", r -> true);
        // The sectors as accounts.csv spells them, typo included; every won deal names its account.
        assertThat(sectors).containsKey("technolgy").doesNotContainKey("(none)");
        assertSameSums(apiWonBy("sector", ""), sectors);
    }

    @Test
    void filterOnTwoAttributes_isTheirIntersection() {
        Predicate<Map<String, String>> both = r -> r.get("product").equals("GTXPro")
                                                   && r.get("sector").equals("technolgy");
        String filters = "&filter.product=GTXPro&filter.sector=technolgy";
        Map<String, BigDecimal[]> expected = new TreeMap<>();
        wonBy("deal_stage", both).values().forEach(sum -> expected.put("all", sum));
        assertThat(expected).isNotEmpty();
        assertSameSums(apiWonBy(null, filters), expected);

        // The stage figures too: opportunities engaged, per product, within the intersection.
        long engaged = pipeline.stream().filter(both).filter(r -> !r.get("engage_date").isEmpty()).count();
        Map<String, Object> stage = stage("engaging", "&" + "filter.product=GTXPro&filter.sector=technolgy", null);
        assertThat(((Number) stage.get("entered")).longValue()).isEqualTo(engaged);
    }

    @Test
    void stagesGroupedByProduct_equalCountsOverTheCsv() {
        Map<String, Long> engaged = new TreeMap<>();
        pipeline.stream().filter(r -> !r.get("engage_date").isEmpty())
                .forEach(r -> engaged.merge(r.get("product"), 1L, Long::sum));
        List<Map<String, Object>> rows = http.get().uri("/api/maps/" + MAP + "/stages?" + READ + "&groupBy=product")
                                             .exchange().expectStatus().isOk()
                                             .expectBodyList(ROW)
                                             .returnResult().getResponseBody();
        Map<String, Long> api = new TreeMap<>();
        rows.stream().filter(r -> r.get("stageId").equals("engaging"))
            .forEach(r -> api.put((String) r.get("group"), ((Number) r.get("entered")).longValue()));
        api.values().removeIf(v -> v == 0);
        assertThat(api).isEqualTo(engaged);
    }

    @Test
    void attributeNoStepCarries_isRefusedNamingIt() {
        http.get().uri("/api/maps/" + MAP + "/revenue?" + READ + "&groupBy=regional_office").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("groupBy")
            .jsonPath("$.errors[0].reason").value(r -> assertThat((String) r)
                    .contains("no step carries the attribute 'regional_office'"));
        http.get().uri("/api/maps/" + MAP + "/stages?" + READ + "&filter.region=West&filter.product=GTXPro").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("filter.region");
    }

    private Map<String, Object> stage(String stageId, String filters, String group) {
        List<Map<String, Object>> rows = http.get().uri("/api/maps/" + MAP + "/stages?" + READ + filters)
                                             .exchange().expectStatus().isOk()
                                             .expectBodyList(ROW)
                                             .returnResult().getResponseBody();
        return rows.stream().filter(r -> r.get("stageId").equals(stageId)
                                         && Objects.equals(r.get("group"), group))
                   .findFirst().orElseThrow();
    }
}

package io.revchain.analytics.flow;

import static io.revchain.analytics.flow.FlowApiSupport.awaitRows;
import static io.revchain.analytics.flow.FlowApiSupport.find;
import static io.revchain.analytics.flow.FlowApiSupport.number;
import static io.revchain.analytics.flow.FlowApiSupport.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Maven CRM pipeline (8,800 opportunities) posted as steps through the API: the API's win rate, median days
 * engage→close for won and for lost deals, and open WIP equal an independent computation over the CSV.
 * Prospecting rows carry no date at all, so they cannot be placed in time and are not posted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class MavenCrmPipelineTest {

    private static final Path PIPELINE = Path.of("..", "shared", "data", "maven-crm", "sales_pipeline.csv");

    @Autowired
    WebTestClient http;

    record Opportunity(String id, String agent, String stage, LocalDate engaged, LocalDate closed, String value) {
    }

    @Test
    void apiFigures_equalTheOnesComputedStraightFromTheCsv() throws IOException {
        assumeTrue(Files.exists(PIPELINE), "needs ../shared/data beside the project");
        List<Opportunity> opportunities = read();
        String mapId = "maven-crm";
        FlowApiSupport.putMap(http, mapId, Map.of("name", "Maven CRM pipeline", "stages", List.of(
                Map.of("stageId", "engaging", "name", "Engaging", "owner", "SALES",
                       "enteredOn", List.of("OpportunityOpened")),
                Map.of("stageId", "won", "name", "Won", "owner", "SALES", "enteredOn", List.of("DealWon")),
                Map.of("stageId", "lost", "name", "Lost", "owner", "SALES", "enteredOn", List.of("DealLost")))));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Opportunity o : opportunities) {
            if (o.engaged() != null) {
                steps.add(step(o, "open", "OpportunityOpened", o.engaged(), Map.of("owner", o.agent())));
            }
            if (o.closed() != null) {
                steps.add(step(o, "close", o.stage().equals("Won") ? "DealWon" : "DealLost", o.closed(),
                               Map.of("amount", o.value())));
            }
        }
        FlowApiSupport.postSteps(http, steps, 500);

        List<Opportunity> won = opportunities.stream().filter(o -> o.stage().equals("Won")).toList();
        List<Opportunity> lost = opportunities.stream().filter(o -> o.stage().equals("Lost")).toList();
        long engaging = opportunities.stream().filter(o -> o.stage().equals("Engaging")).count();
        String asOf = "?asOf=2018-01-01T00:00:00Z";

        List<Map<String, Object>> transitions = awaitRows(http, "/api/maps/maven-crm/transitions" + asOf, rows -> rows.stream().mapToLong(r -> number(r, "count")).sum()
                == won.size() + lost.size());
        Map<String, Object> toWon = transition(transitions, "engaging", "won");
        Map<String, Object> toLost = transition(transitions, "engaging", "lost");
        double apiWinRate = (double) number(toWon, "count") / (number(toWon, "count") + number(toLost, "count"));
        assertThat(apiWinRate).isCloseTo((double) won.size() / (won.size() + lost.size()), within(1e-12));
        // The API publishes hours to 0.001 (docs/metrics.md, Precision).
        assertThat(((Number) toWon.get("medianHours")).doubleValue() / 24)
                .isCloseTo(medianDays(won), within(0.0005 / 24));
        assertThat(((Number) toLost.get("medianHours")).doubleValue() / 24)
                .isCloseTo(medianDays(lost), within(0.0005 / 24));

        long cohort = opportunities.stream().filter(o -> o.engaged() != null).count();
        List<Map<String, Object>> stages = awaitRows(http, "/api/maps/maven-crm/stages" + asOf,
                rows -> number(find(rows, "stageId", "engaging"), "entered") == cohort);
        assertThat(number(find(stages, "stageId", "engaging"), "wipAtEnd")).isEqualTo(engaging);
        assertThat(number(find(stages, "stageId", "won"), "entered")).isEqualTo(won.size());

        List<Map<String, Object>> conversions = FlowApiSupport.rows(http, "/api/maps/maven-crm/conversions" + asOf);
        Map<String, Object> conversion = conversions.stream()
                .filter(r -> "engaging".equals(r.get("fromStage")) && "won".equals(r.get("toStage")))
                .findFirst().orElseThrow();
        assertThat(number(conversion, "cohort")).isEqualTo(cohort);
        assertThat(((Number) conversion.get("rate")).doubleValue())
                .isCloseTo((double) won.size() / cohort, within(0.00005));
    }

    private static Map<String, Object> step(Opportunity o, String suffix, String type, LocalDate at,
                                            Map<String, Object> attributes) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepId", o.id() + "-" + suffix);
        step.put("type", type);
        step.put("occurredAt", at.toString());
        step.put("journeyId", o.id());
        step.put("attributes", attributes);
        return step;
    }

    private static double medianDays(List<Opportunity> deals) {
        double[] days = deals.stream().mapToDouble(o -> ChronoUnit.DAYS.between(o.engaged(), o.closed()))
                             .sorted().toArray();
        int n = days.length;
        return n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
    }

    private static List<Opportunity> read() throws IOException {
        List<Opportunity> result = new ArrayList<>();
        List<String> lines = Files.readAllLines(PIPELINE);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = Arrays.copyOf(line.strip().split(",", -1), 8);
            result.add(new Opportunity(cells[0], cells[1], cells[4], date(cells[5]), date(cells[6]), cells[7]));
        }
        return result;
    }

    private static LocalDate date(String cell) {
        return cell == null || cell.isBlank() ? null : LocalDate.parse(cell);
    }
}

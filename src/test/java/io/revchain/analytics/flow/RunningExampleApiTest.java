package io.revchain.analytics.flow;

import static io.revchain.analytics.flow.FlowApiSupport.awaitRows;
import static io.revchain.analytics.flow.FlowApiSupport.number;
import static io.revchain.analytics.flow.FlowApiSupport.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The PM4Py running example through the API, each activity its own stage (a custom step type the map declares):
 * the transitions endpoint gives the 16 directly-follows pairs with the counts and mean durations that process-mining
 * tools compute, here recomputed independently from the CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class RunningExampleApiTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    @Autowired
    WebTestClient http;

    record Event(String caseId, String activity, OffsetDateTime at) {
    }

    @Test
    void transitions_areTheSixteenDirectlyFollowsPairs_withProcessMiningCountsAndMeans() throws IOException {
        List<Event> events = read();
        List<String> activities = events.stream().map(Event::activity).distinct().sorted().toList();
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String activity : activities) {
            stages.add(Map.of("stageId", stageId(activity), "name", activity, "owner", "SERVICE",
                              "enteredOn", List.of(type(activity))));
        }
        FlowApiSupport.putMap(http, "running-example", Map.of("name", "PM4Py running example", "stages", stages));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("stepId", "re-" + i);
            step.put("type", type(e.activity()));
            step.put("occurredAt", e.at().toString());
            step.put("journeyId", "re-case-" + e.caseId());
            step.put("attributes", Map.of("segment", "running-example"));
            steps.add(step);
        }
        FlowApiSupport.postSteps(http, steps, 100);

        Map<String, List<Double>> expected = directlyFollows(events);
        List<Map<String, Object>> rows = awaitRows(http,
                "/api/maps/running-example/transitions?segment=running-example",
                r -> r.stream().mapToLong(x -> number(x, "count")).sum() == 36);

        assertThat(expected).hasSize(16);
        assertThat(rows).hasSize(16);
        expected.forEach((pair, hours) -> {
            String[] ab = pair.split("\u0000");
            Map<String, Object> row = transition(rows, stageId(ab[0]), stageId(ab[1]));
            assertThat(number(row, "count")).as(pair).isEqualTo(hours.size());
            double mean = hours.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(((Number) row.get("meanHours")).doubleValue()).as(pair).isCloseTo(mean, within(0.0005));
        });
    }

    private static Map<String, List<Double>> directlyFollows(List<Event> events) {
        Map<String, List<Event>> byCase = new TreeMap<>();
        events.forEach(e -> byCase.computeIfAbsent(e.caseId(), k -> new ArrayList<>()).add(e));
        Map<String, List<Double>> pairs = new TreeMap<>();
        for (List<Event> trace : byCase.values()) {
            trace.sort(Comparator.comparing(Event::at));
            for (int i = 1; i < trace.size(); i++) {
                double hours = Duration.between(trace.get(i - 1).at(), trace.get(i).at()).toSeconds() / 3600.0;
                pairs.computeIfAbsent(trace.get(i - 1).activity() + "\u0000" + trace.get(i).activity(),
                                      k -> new ArrayList<>()).add(hours);
            }
        }
        return pairs;
    }

    /** "examine casually" → ExamineCasually: custom step types are identifiers. */
    private static String type(String activity) {
        StringBuilder out = new StringBuilder();
        for (String word : activity.split(" ")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    private static String stageId(String activity) {
        return activity.replace(' ', '-');
    }

    private List<Event> read() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/event-logs/running-example.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            List<Event> events = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                events.add(new Event(cells[7], cells[1], OffsetDateTime.parse(cells[3], TIMESTAMP)));
            }
            return events;
        }
    }
}

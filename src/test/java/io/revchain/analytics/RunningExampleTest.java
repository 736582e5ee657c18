package io.revchain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PM4Py/ProM running example (6 cases, 42 events, 8 activities), each activity its own stage. Its
 * directly-follows graph is well known: 16 edges, 36 = 42 - 6 transitions. Frequencies (pm4py discover_dfg) and
 * mean durations in hours (pm4py performance DFG, aggregation mean):
 * <pre>
 * register request   -> examine casually     3    8.955556
 * register request   -> check ticket         2   10.866667
 * register request   -> examine thoroughly   1   23.066667
 * examine casually   -> check ticket         4   13.325
 * examine casually   -> decide               2  104.283333
 * examine thoroughly -> check ticket         2   85.858333
 * examine thoroughly -> decide               1   21.316667
 * check ticket       -> decide               6   50.544444
 * check ticket       -> examine casually     2   25.675
 * check ticket       -> examine thoroughly   1   26.616667
 * decide             -> reinitiate request   3   18.444444
 * decide             -> pay compensation     3  142.822222
 * decide             -> reject request       3   42.844444
 * reinitiate request -> examine casually     1   20.3
 * reinitiate request -> check ticket         1   70.25
 * reinitiate request -> examine thoroughly   1    0.8
 * </pre>
 */
class RunningExampleTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private record Event(long row, String caseId, String activity, String resource, Instant at) {
    }

    private static List<Event> events;
    private static FlowMap map;
    private static FlowSnapshot snapshot;

    @BeforeAll
    static void load() throws IOException {
        events = readLog();
        Set<String> activities = new LinkedHashSet<>();
        events.forEach(e -> activities.add(e.activity()));
        List<FlowStage> stages = new ArrayList<>();
        for (String activity : activities) {
            boolean end = activity.equals("pay compensation") || activity.equals("reject request");
            stages.add(new FlowStage(activity, activity, null, Set.of(activity), null, end));
        }
        map = new FlowMap("running-example", 1, stages, List.of());
        Map<String, List<StepFact>> byCase = new LinkedHashMap<>();
        for (Event e : events) {
            byCase.computeIfAbsent(e.caseId(), c -> new ArrayList<>()).add(new StepFact(
                    "row-" + e.row(), e.activity(), e.at(), e.at(), e.row(), Map.of("owner", e.resource())));
        }
        List<JourneyFacts> facts = new ArrayList<>();
        byCase.forEach((caseId, steps) -> facts.add(new JourneyFacts(caseId, steps)));
        snapshot = FlowSnapshot.fromFacts(map, facts, Cut.asOf(Instant.parse("2011-12-31T00:00:00Z")));
    }

    @Test
    void logIsTheKnownRunningExample() {
        assertThat(events).hasSize(42);
        assertThat(events.stream().map(Event::caseId).distinct()).hasSize(6);
        assertThat(map.stages()).hasSize(8);
        // "2010-12-30 14:32:00+01:00" is 13:32 UTC.
        assertThat(events.get(0).at()).isEqualTo(Instant.parse("2010-12-30T13:32:00Z"));
    }

    @Test
    void transitions_areTheDirectlyFollowsGraph_withIndependentlyComputedCountsAndMeans() {
        Map<String, List<Double>> expected = independentDfg(events);
        Map<String, TransitionView> actual = TransitionMetrics.transitions(snapshot, FlowQuery.all()).stream()
                .collect(Collectors.toMap(t -> t.fromStage() + " -> " + t.toStage(), Function.identity()));

        assertThat(actual.keySet()).isEqualTo(expected.keySet()).hasSize(16);
        expected.forEach((pair, hours) -> {
            assertThat(actual.get(pair).count()).as(pair).isEqualTo(hours.size());
            double mean = hours.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(actual.get(pair).meanHours()).as(pair).isCloseTo(mean, within(1e-9));
        });
        assertThat(actual.values().stream().mapToLong(TransitionView::count).sum()).isEqualTo(36);
    }

    @Test
    void transitions_matchThePublishedDfg() {
        Map<String, TransitionView> actual = TransitionMetrics.transitions(snapshot, FlowQuery.all()).stream()
                .collect(Collectors.toMap(t -> t.fromStage() + " -> " + t.toStage(), Function.identity()));
        Object[][] published = {
                {"register request -> examine casually", 3, 8.955556},
                {"register request -> check ticket", 2, 10.866667},
                {"register request -> examine thoroughly", 1, 23.066667},
                {"examine casually -> check ticket", 4, 13.325},
                {"examine casually -> decide", 2, 104.283333},
                {"examine thoroughly -> check ticket", 2, 85.858333},
                {"examine thoroughly -> decide", 1, 21.316667},
                {"check ticket -> decide", 6, 50.544444},
                {"check ticket -> examine casually", 2, 25.675},
                {"check ticket -> examine thoroughly", 1, 26.616667},
                {"decide -> reinitiate request", 3, 18.444444},
                {"decide -> pay compensation", 3, 142.822222},
                {"decide -> reject request", 3, 42.844444},
                {"reinitiate request -> examine casually", 1, 20.3},
                {"reinitiate request -> check ticket", 1, 70.25},
                {"reinitiate request -> examine thoroughly", 1, 0.8}};
        assertThat(actual).hasSize(published.length);
        for (Object[] edge : published) {
            TransitionView t = actual.get((String) edge[0]);
            assertThat(t).as((String) edge[0]).isNotNull();
            assertThat(t.count()).as((String) edge[0]).isEqualTo(((Integer) edge[1]).longValue());
            assertThat(t.meanHours()).as((String) edge[0]).isCloseTo((Double) edge[2], within(1e-6));
        }
        // check ticket -> decide: 0.5, 20.1, 22.2, 49.63, 50.1, 160.73 h; numpy median 35.916666666666664,
        // p90 105.41666666666666.
        TransitionView checkDecide = actual.get("check ticket -> decide");
        assertThat(checkDecide.medianHours()).isCloseTo(35.916666666666664, within(1e-9));
        assertThat(checkDecide.p90Hours()).isCloseTo(105.41666666666666, within(1e-9));
    }

    @Test
    void everyCaseEndsInATerminalStage_soNothingIsLeftInProgress() {
        List<StageView> stages = StageMetrics.stages(snapshot, FlowQuery.all());

        assertThat(stages).allSatisfy(s -> assertThat(s.wipAtEnd()).isZero());
        Map<String, StageView> byId = stages.stream()
                .collect(Collectors.toMap(StageView::stageId, Function.identity()));
        // decide is left 9 times (3 reinitiate, 3 pay, 3 reject); its dwell is those transitions' durations.
        assertThat(byId.get("decide").departures()).isEqualTo(9);
        assertThat(byId.get("decide").dwellMeanHours())
                .isCloseTo((3 * 18.444444444444443 + 3 * 142.82222222222222 + 3 * 42.84444444444444) / 9,
                        within(1e-9));
        assertThat(byId.get("pay compensation").entered()).isEqualTo(3);
        assertThat(byId.get("pay compensation").departures()).isZero();
    }

    /** Directly-follows from the raw events, without the analytics code: per case, sort by time, pair neighbours. */
    private static Map<String, List<Double>> independentDfg(List<Event> log) {
        Map<String, List<Event>> cases = log.stream().collect(Collectors.groupingBy(Event::caseId));
        Map<String, List<Double>> dfg = new TreeMap<>();
        for (List<Event> trace : cases.values()) {
            List<Event> sorted = trace.stream()
                    .sorted(Comparator.comparing(Event::at).thenComparingLong(Event::row)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                Event a = sorted.get(i - 1);
                Event b = sorted.get(i);
                dfg.computeIfAbsent(a.activity() + " -> " + b.activity(), k -> new ArrayList<>())
                        .add(Duration.between(a.at(), b.at()).toMinutes() / 60.0);
            }
        }
        return dfg;
    }

    private static List<Event> readLog() throws IOException {
        try (InputStream in = RunningExampleTest.class.getResourceAsStream("/event-logs/running-example.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            List<String> header = List.of(lines[0].split(",", -1));
            int activity = header.indexOf("concept:name");
            int resource = header.indexOf("org:resource");
            int timestamp = header.indexOf("time:timestamp");
            int caseId = header.indexOf("case:concept:name");
            List<Event> log = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cols = lines[i].split(",", -1);
                log.add(new Event(Long.parseLong(cols[0]), cols[caseId], cols[activity], cols[resource],
                        OffsetDateTime.parse(cols[timestamp], TIMESTAMP).toInstant()));
            }
            return log;
        }
    }
}

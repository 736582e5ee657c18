package io.revchain.importing;

import static io.revchain.analytics.flow.FlowApiSupport.awaitRows;
import static io.revchain.analytics.flow.FlowApiSupport.rows;
import static io.revchain.analytics.flow.FlowApiSupport.transition;
import static io.revchain.importing.ImportApiSupport.awaitEnd;
import static io.revchain.importing.ImportApiSupport.get;
import static io.revchain.importing.ImportApiSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.revchain.identity.TestPrincipals;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Discovery end to end, through the real intake, event store and map: one upload defines the map and imports the
 * log, then the map's flow shows the log's directly-follows graph. A context of its own (the upload folder sets it
 * apart), so that these logs' journeys meet no other test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory",
                              "revchain.import.upload-dir=target/import-uploads-discover-test"})
@AutoConfigureWebTestClient
// The last user of this context (CrmPresetsTest runs before, by name): closing it frees the helpdesk log's facts.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DiscoverApiTest {

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    /** A step of the log: its case, activity and time, and its place in the file (ties keep file order). */
    record LogEvent(String caseId, String activity, OffsetDateTime at, int number) {
    }

    /** A directly-follows pair of the chain's stage entries, with its durations in hours. */
    record Pair(String from, String to) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void helpdeskLog_discoveredInOneCall_hasFourteenStages_andItsFlowIsTheLogsDirectlyFollowsGraph()
            throws Exception {
        Path helpdesk = ImportFixture.SHARED.resolve("event-logs/helpdesk.xes.gz");
        assumeTrue(Files.exists(helpdesk), "needs ../shared/data/event-logs/helpdesk.xes.gz beside the project");
        List<LogEvent> events = readXes(helpdesk);
        Map<String, List<LogEvent>> traces = byCase(events);

        Map<String, Object> job = awaitEnd(web, upload(web, "{\"mapId\": \"helpdesk\", \"format\": \"xes\", "
                                                       + "\"discover\": {\"name\": \"Helpdesk\"}}", helpdesk));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");
        assertThat(((Map<String, Object>) job.get("progress")).get("accepted")).isEqualTo(21_348);

        // Stage order by mean relative position i/(n-1) of each activity's events, computed here from the file.
        List<String> expectedOrder = orderByMeanPosition(traces);
        Map<String, Object> map = get(web, "/api/maps/helpdesk");
        List<Map<String, Object>> stages = (List<Map<String, Object>>) map.get("stages");
        assertThat(stages).hasSize(14);
        assertThat(stages).extracting(s -> s.get("name")).containsExactlyElementsOf(expectedOrder);
        assertThat(stages.get(0)).containsEntry("stageId", "insert-ticket").containsEntry("name", "Insert ticket")
                                 .containsEntry("enteredOn", List.of("InsertTicket")).containsEntry("owner", "JOINT");
        // Only Closed ends (nearly) every journey it occurs in: 4,557 of 4,559.
        assertThat(stages).filteredOn(s -> Boolean.TRUE.equals(s.get("terminal"))).extracting(s -> s.get("name"))
                          .containsExactly("Closed");
        assertThat((Map<String, Object>) map.get("recordedBy")).containsEntry("id", "user:admin");

        Map<Pair, List<Double>> expected = stageDirectlyFollows(traces);
        long total = expected.values().stream().mapToLong(List::size).sum();
        Map<String, String> stageOf = new HashMap<>();
        stages.forEach(s -> stageOf.put((String) s.get("name"), (String) s.get("stageId")));
        List<Map<String, Object>> transitions = awaitFlow("/api/maps/helpdesk/flow",
                rows -> rows.stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum() == total);
        assertThat(transitions).hasSameSizeAs(expected.keySet());
        expected.forEach((pair, hours) -> {
            Map<String, Object> row = transition(transitions, stageOf.get(pair.from()), stageOf.get(pair.to()));
            assertThat(((Number) row.get("count")).longValue()).as(pair.toString()).isEqualTo(hours.size());
            double mean = hours.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            // Hours leave the service rounded half-up to 0.001 (docs/metrics.md, Precision).
            assertThat(((Number) row.get("meanHours")).doubleValue()).as(pair.toString())
                    .isCloseTo(mean, within(0.0005 + 1e-9));
        });
    }

    /**
     * discover-tickets.csv (hand-computed in DiscoverImportTest), stage entries and transitions by hand:
     * T1 open 09:00 → triage 10:00 (1 h) → ask 16:00 (6 h) → close next day 09:00 (17 h);
     * T2 open 08:00 → triage 08:30 (0.5 h; its second Triage at 09:30 is no new entry) → close 12:00 (3.5 h);
     * T3 triage 09:00 → open 09:00 (0 h, same instant, later in the file) → close 10:00 (1 h);
     * T4 triage 10:00 → ask 11:00 (1 h), still open.
     */
    @Test
    @SuppressWarnings("unchecked")
    void smallLog_discoveredOverHttp_givesTheHandComputedMapAndFlow(@TempDir Path dir) throws Exception {
        Path csv = prefixed(dir, "http-");
        Map<String, Object> job = awaitEnd(web, upload(web, ticketsMapping("tickets-http", "http"), csv));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");
        Map<String, Object> discovery = (Map<String, Object>) job.get("discovery");
        assertThat(discovery).containsEntry("mapId", "tickets-http").containsEntry("mapVersion", 1);

        Map<String, Object> map = get(web, "/api/maps/tickets-http");
        assertThat(map).containsEntry("name", "Support tickets");
        assertThat((List<Map<String, Object>>) map.get("stages"))
                .extracting(s -> s.get("stageId"), s -> s.get("name"), s -> s.get("owner"), s -> s.get("terminal"))
                .containsExactly(tuple("open-ticket", "Open ticket", "SERVICE", false),
                                 tuple("triage", "Triage", "SERVICE", false),
                                 tuple("ask-sales", "Ask sales", "JOINT", false),
                                 tuple("close", "Close", "SERVICE", true));

        // Maps are lenses over all journeys: other tests import the same activities, so read this file's only.
        List<Map<String, Object>> rows = awaitFlow("/api/maps/tickets-http/flow?segment=http",
                r -> r.stream().mapToLong(x -> ((Number) x.get("count")).longValue()).sum() == 8);
        Object[][] expected = {
                {"open-ticket", "triage", 2, 0.75}, {"open-ticket", "close", 1, 1.0},
                {"triage", "open-ticket", 1, 0.0}, {"triage", "ask-sales", 2, 3.5}, {"triage", "close", 1, 3.5},
                {"ask-sales", "close", 1, 17.0}};
        assertThat(rows).extracting(r -> r.get("fromStage") + "→" + r.get("toStage"))
                        .containsExactly("open-ticket→triage", "open-ticket→close", "triage→open-ticket",
                                         "triage→ask-sales", "triage→close", "ask-sales→close");
        for (Object[] e : expected) {
            Map<String, Object> row = transition(rows, (String) e[0], (String) e[1]);
            assertThat(row.get("count")).isEqualTo(e[2]);
            assertThat(((Number) row.get("meanHours")).doubleValue()).isCloseTo((Double) e[3], within(1e-12));
        }

        // The same file again: nothing new for the map (no version 2), every step a duplicate.
        Map<String, Object> again = awaitEnd(web, upload(web, ticketsMapping("tickets-http", "http"), csv));
        assertThat((Map<String, Object>) again.get("progress")).containsEntry("duplicates", 13)
                                                                .containsEntry("accepted", 0);
        assertThat((Map<String, Object>) again.get("discovery")).containsEntry("mapVersion", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryOnAnExistingMap_addsANewVersionAndKeepsTheFacilitatorsEdits(@TempDir Path dir) throws Exception {
        web.put().uri("/api/maps/tickets-edited").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "name", "Tickets as agreed", "stages", List.of(
                        Map.of("stageId", "new", "name", "New ticket", "owner", "SERVICE",
                               "enteredOn", List.of("OpenTicket"), "slaHours", 4),
                        Map.of("stageId", "done", "name", "Done", "owner", "SERVICE", "enteredOn", List.of("Close"),
                               "terminal", true))))
           .exchange().expectStatus().isOk();
        Map<String, Object> job = awaitEnd(web, upload(web, ticketsMapping("tickets-edited", "edited"),
                                                  prefixed(dir, "edited-")));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");

        Map<String, Object> map = get(web, "/api/maps/tickets-edited");
        assertThat(map).containsEntry("version", 2).containsEntry("name", "Tickets as agreed");
        assertThat((List<Map<String, Object>>) map.get("stages"))
                .extracting(s -> s.get("stageId"))
                .containsExactly("new", "triage", "ask-sales", "done");
        assertThat(((List<Map<String, Object>>) map.get("stages")).get(0)).containsEntry("slaHours", 4);
        List<Map<String, Object>> versions = web.get().uri("/api/maps/tickets-edited/versions").exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        assertThat((List<String>) versions.get(1).get("changes"))
                .containsExactly("stage triage added (SERVICE, entered on Triage)",
                                 "stage ask-sales added (JOINT, entered on AskSales)");
    }

    @Test
    void recorderWithoutFacilitator_cannotDiscover_butCanImportWithTheDeclaredTypes(@TempDir Path dir)
            throws Exception {
        WebTestClient recorder = TestPrincipals.withKey(web, TestPrincipals.apiKey(web, "importer-only", "recorder"));
        String mapping = ticketsMapping("tickets-recorder", "recorder");
        Path csv = prefixed(dir, "recorder-");
        upload(recorder, mapping, csv).expectStatus().isForbidden()
                                      .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                      .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                                              .contains("discover-needs-facilitator"));
        web.get().uri("/api/maps/tickets-recorder").exchange().expectStatus().isNotFound();

        // Once a facilitator's discovery declared the types, the recorder imports without discover.
        assertThat(awaitEnd(web, upload(web, mapping, prefixed(dir, "first-"))).get("status")).isEqualTo("COMPLETED");
        String plain = mapping.replace("\"discover\": { \"name\": \"Support tickets\", \"ownerFrom\": \"team\" },",
                                       "\"typeMap\": {\"Open ticket\": \"OpenTicket\", \"Ask sales\": \"AskSales\"},");
        Map<String, Object> job = awaitEnd(web, upload(recorder, plain, csv));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");
        assertThat(job).containsEntry("discovery", null);
    }

    @Test
    void cli_discoverFlag_definesTheMapAndPrintsWhatItFound(@TempDir Path dir) throws Exception {
        Path mapping = Files.writeString(dir.resolve("m.json"), """
                // the CLI adds "discover": true
                {"mapId": "tickets-cli", "format": "csv", "journeyId": "ticket",
                 "rules": [{"typeFrom": "activity", "at": "at"}]}""");
        String key = TestPrincipals.apiKey(web, "cli-discoverer", "recorder", "facilitator");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ImportCommand.run(new String[] {"import", "--discover", "--mapping", mapping.toString(),
                                                   "--url", "http://localhost:" + port, "--api-key", key,
                                                   prefixed(dir, "cli-").toString()},
                                     new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false,
                                     Duration.ofMillis(50));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("discovered 4 activities; map tickets-cli is at version 1",
                                     "GET /api/maps/tickets-cli/flow", "OpenTicket", "stage close (JOINT, terminal)");
        web.get().uri("/api/maps/tickets-cli").exchange().expectStatus().isOk()
           .expectBody().jsonPath("$.stages.length()").isEqualTo(4);
    }

    /**
     * The PM4Py running example (van der Aalst, Process Mining, 2nd ed. 2016, table 1.1; running-example.xes as PM4Py
     * ships it): 6 cases, each its own variant, as pm4py.get_variants and Disco list them. No case repeats an
     * activity back to back, so the stage paths are the activity sequences. Throughput is pm4py's case duration, last
     * event minus first, here from each case's first and last timestamps (all +01:00). Discovered order: register
     * (mean position 0), examine casually (0.368), check ticket (0.435), examine thoroughly (0.458), reinitiate (0.5),
     * decide (0.667), then pay compensation and reject request (1, by name); the six paths in that order rank 5, 3, 6,
     * 2, 4, 1 (all count 1, ties by path in map order).
     */
    @Test
    @SuppressWarnings("unchecked")
    void runningExample_variantsAreTheSixCasesThatProcessMiningToolsList() throws Exception {
        Map<String, Object> job = awaitEnd(web, upload(web, "{\"mapId\": \"running-example-variants\", \"format\": "
                                                       + "\"xes\", \"discover\": true}",
                                                  ImportFixture.resourcePath("running-example.xes")));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");
        String reg = "register-request";
        String cas = "examine-casually";
        String chk = "check-ticket";
        String tho = "examine-thoroughly";
        String rei = "reinitiate-request";
        String dec = "decide";
        String pay = "pay-compensation";
        String rej = "reject-request";
        Object[][] expected = {
                {List.of(reg, cas, chk, dec, rei, chk, cas, dec, rei, cas, chk, dec, rej),
                        "2011-01-06T09:02+01:00", "2011-01-24T14:56+01:00"},                        // case 5
                {List.of(reg, cas, chk, dec, rei, tho, chk, dec, pay),
                        "2010-12-30T14:32+01:00", "2011-01-15T10:45+01:00"},                        // case 3
                {List.of(reg, cas, chk, dec, pay), "2011-01-06T15:02+01:00", "2011-01-16T11:47+01:00"}, // case 6
                {List.of(reg, chk, cas, dec, pay), "2010-12-30T11:32+01:00", "2011-01-08T12:05+01:00"}, // case 2
                {List.of(reg, chk, tho, dec, rej), "2011-01-06T15:02+01:00", "2011-01-12T15:44+01:00"}, // case 4
                {List.of(reg, tho, chk, dec, rej), "2010-12-30T11:02+01:00", "2011-01-07T14:24+01:00"}};// case 1

        List<Map<String, Object>> rows = awaitRows(web, "/api/maps/running-example-variants/variants",
                r -> r.stream().mapToLong(x -> ((Number) x.get("count")).longValue()).sum() == 6);
        assertThat(rows).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> row = rows.get(i);
            List<String> stages = (List<String>) expected[i][0];
            double hours = Duration.between(OffsetDateTime.parse((String) expected[i][1]),
                                            OffsetDateTime.parse((String) expected[i][2])).toMinutes() / 60.0;
            assertThat(row).containsEntry("rank", i + 1).containsEntry("stages", stages)
                           .containsEntry("variant", String.join(" > ", stages))
                           .containsEntry("length", stages.size()).containsEntry("count", 1)
                           .containsEntry("ended", 1).containsEntry("group", null);
            // Shares leave the service rounded to 0.0001 and hours to 0.001 (docs/metrics.md, Precision).
            assertThat(((Number) row.get("share")).doubleValue()).isEqualTo(0.1667);
            assertThat(((Number) row.get("medianThroughputHours")).doubleValue()).as(stages.toString())
                    .isCloseTo(hours, within(0.0005 + 1e-9));
            assertThat(((Number) row.get("meanThroughputHours")).doubleValue()).isCloseTo(hours, within(0.0005 + 1e-9));
        }

        String csv = web.get().uri("/api/maps/running-example-variants/variants?format=csv&limit=2").exchange()
                        .expectStatus().isOk().expectHeader().contentType("text/csv;charset=UTF-8")
                        .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("rank,variant,length,count,share,ended,medianThroughputHours,"
                                       + "meanThroughputHours");
        assertThat(lines[1]).startsWith("1,register-request > examine-casually > check-ticket > decide > "
                                        + "reinitiate-request > check-ticket > ").contains(",13,1,");
        web.get().uri("/api/maps/running-example-variants/variants?limit=0").exchange()
           .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        // A window holds the journeys whose first entry is in it: cases 5, 4 and 6 registered on 6 January 2011.
        assertThat(rows(web, "/api/maps/running-example-variants/variants?from=2011-01-01&to=2011-02-01"))
                .extracting(r -> r.get("count")).containsExactly(1, 1, 1);
    }

    // ---- the independent reading of the helpdesk log --------------------------------------------------------

    /** A DOM reading of every event with its case, activity and time (no lifecycle attributes in this log). */
    private static List<LogEvent> readXes(Path xes) throws Exception {
        Document document;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(xes))) {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        List<LogEvent> events = new ArrayList<>();
        for (Node trace = document.getDocumentElement().getFirstChild(); trace != null;
             trace = trace.getNextSibling()) {
            if (!(trace instanceof Element t) || !t.getTagName().equals("trace")) {
                continue;
            }
            String caseId = null;
            for (Node child = t.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && e.getTagName().equals("string")
                        && e.getAttribute("key").equals("concept:name")) {
                    caseId = e.getAttribute("value");
                }
            }
            for (Node child = t.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element event) || !event.getTagName().equals("event")) {
                    continue;
                }
                String activity = null;
                OffsetDateTime at = null;
                for (Node a = event.getFirstChild(); a != null; a = a.getNextSibling()) {
                    if (a instanceof Element attribute) {
                        if (attribute.getAttribute("key").equals("concept:name")) {
                            activity = attribute.getAttribute("value");
                        } else if (attribute.getAttribute("key").equals("time:timestamp")) {
                            at = OffsetDateTime.parse(attribute.getAttribute("value"));
                        }
                    }
                }
                events.add(new LogEvent(caseId, activity, at, events.size()));
            }
        }
        return events;
    }

    /** Each case's events by time, ties in file order. */
    private static Map<String, List<LogEvent>> byCase(List<LogEvent> events) {
        Map<String, List<LogEvent>> traces = new LinkedHashMap<>();
        events.forEach(e -> traces.computeIfAbsent(e.caseId(), c -> new ArrayList<>()).add(e));
        traces.values().forEach(trace -> trace.sort(Comparator.comparing((LogEvent e) -> e.at().toInstant())
                                                              .thenComparingInt(LogEvent::number)));
        return traces;
    }

    private static List<String> orderByMeanPosition(Map<String, List<LogEvent>> traces) {
        Map<String, double[]> sums = new TreeMap<>();
        for (List<LogEvent> trace : traces.values()) {
            for (int i = 0; i < trace.size(); i++) {
                double[] sum = sums.computeIfAbsent(trace.get(i).activity(), a -> new double[2]);
                sum[0] += trace.size() == 1 ? 0 : (double) i / (trace.size() - 1);
                sum[1]++;
            }
        }
        return sums.entrySet().stream()
                   .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[0]
                                                                                         / e.getValue()[1])
                                     .thenComparing(Map.Entry::getKey))
                   .map(Map.Entry::getKey).toList();
    }

    /**
     * The chain's directly-follows graph (docs/metrics.md, sections 2 and 5): a step of the activity the journey is
     * already in is no new entry, so consecutive repeats count once, from the first; each pair's duration runs from
     * the entry into the first stage to the entry into the next.
     */
    private static Map<Pair, List<Double>> stageDirectlyFollows(Map<String, List<LogEvent>> traces) {
        Map<Pair, List<Double>> pairs = new HashMap<>();
        for (List<LogEvent> trace : traces.values()) {
            LogEvent entry = null;
            for (LogEvent event : trace) {
                if (entry != null && entry.activity().equals(event.activity())) {
                    continue;
                }
                if (entry != null) {
                    double hours = Duration.between(entry.at(), event.at()).toSeconds() / 3600.0;
                    pairs.computeIfAbsent(new Pair(entry.activity(), event.activity()), p -> new ArrayList<>())
                         .add(hours);
                }
                entry = event;
            }
        }
        return pairs;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The tickets mapping for map {@code mapId}, every step in {@code segment}. */
    private static String ticketsMapping(String mapId, String segment) {
        return ImportFixture.resource("discover-tickets-mapping.json")
                            .replace("\"tickets\"", "\"" + mapId + "\"")
                            .replace("\"journeyId\": \"ticket\",",
                                     "\"journeyId\": \"ticket\", \"constants\": {\"segmentId\": \"" + segment + "\"},");
    }

    /** The tickets log with its journey ids prefixed, so that each test has journeys of its own. */
    private static Path prefixed(Path dir, String prefix) throws Exception {
        String csv = Files.readString(ImportFixture.resourcePath("discover-tickets.csv"));
        return Files.writeString(dir.resolve(prefix + "tickets.csv"), csv.replaceAll("(?m)^T", prefix + "T"));
    }

    /** The flow's transitions once the read side has every step: it follows the event stream asynchronously. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitFlow(String uri, Predicate<List<Map<String, Object>>> settled)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> rows = (List<Map<String, Object>>) get(web, uri).get("transitions");
        while (!settled.test(rows) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rows = (List<Map<String, Object>>) get(web, uri).get("transitions");
        }
        assertThat(settled.test(rows)).as("the flow did not settle: %s", rows).isTrue();
        return rows;
    }
}

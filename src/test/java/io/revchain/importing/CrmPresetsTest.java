package io.revchain.importing;

import static io.revchain.analytics.flow.FlowApiSupport.awaitRows;
import static io.revchain.analytics.flow.FlowApiSupport.find;
import static io.revchain.analytics.flow.FlowApiSupport.rows;
import static io.revchain.analytics.flow.FlowApiSupport.transition;
import static io.revchain.importing.ImportApiSupport.get;
import static io.revchain.importing.ImportApiSupport.imported;
import static io.revchain.importing.ImportApiSupport.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The CRM presets in docs/mappings, exactly as documented, each on a small sample of its source's export shape
 * (src/test/resources/importing), through the real application; every figure computed by hand below. The samples'
 * years do not overlap, and each read is windowed to its sample's, since maps are lenses over all journeys. Shares
 * DiscoverApiTest's context (same properties), which closes it after its own tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory",
                              "revchain.import.upload-dir=target/import-uploads-discover-test"})
@AutoConfigureWebTestClient
class CrmPresetsTest {

    private static final Path PRESETS = Path.of("docs/mappings");
    private static final double EPS = 1e-9;

    @Autowired
    WebTestClient web;

    private static String preset(String name) throws Exception {
        return Files.readString(PRESETS.resolve(name));
    }

    /**
     * hubspot-contacts-sample.csv, UTC, January 2024 (day hh:mm):
     * 101 lead 08 09:00, mql 10 09:00, sql 15 09:00, opportunity 20 09:00, customer Feb 01 09:00
     * 102 lead 09 10:00, mql 12 10:00 (still MQL)
     * 103 lead 10 08:00, sql 11 08:00 (MQL skipped), opportunity 18 08:00
     * 104 lead 11 12:00, mql 11 18:00, sql 14 12:00, customer 30 12:00 (opportunity skipped)
     * 105 lead 12 09:00
     * 106 mql 20 09:00 (no lead date)
     */
    @Test
    @SuppressWarnings("unchecked")
    void hubspotLifecycleDates_giveTheHandComputedFunnel() throws Exception {
        web.put().uri("/api/maps/hubspot-lifecycle").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(preset("hubspot-lifecycle.map.json")).exchange().expectStatus().isOk();
        Map<String, Object> job = imported(web, preset("hubspot-lifecycle.json"),
                                           ImportFixture.resourcePath("hubspot-contacts-sample.csv"));
        // Steps: leads 5, MQL 4, SQL 3, opportunity 2, customer 2.
        assertThat((Map<String, Object>) job.get("progress")).containsEntry("rowsRead", 6)
                                                              .containsEntry("accepted", 16)
                                                              .containsEntry("rowErrors", 0)
                                                              .containsEntry("rejected", 0);
        String window = "?from=2024-01-01&to=2024-03-01&asOf=2024-03-01T00:00:00Z";

        // lead→mql 101 48 h, 102 72 h, 104 6 h; lead→sql 103 24 h; mql→sql 101 120 h, 104 66 h;
        // sql→opportunity 101 120 h, 103 168 h; sql→customer 104 384 h; opportunity→customer 101 288 h.
        List<Map<String, Object>> transitions = awaitRows(web, "/api/maps/hubspot-lifecycle/transitions" + window,
                                                          rows -> sum(rows, "count") == 10);
        assertThat(transitions).extracting(r -> r.get("fromStage"), r -> r.get("toStage"), r -> r.get("count"),
                                           r -> number(r, "meanHours"))
                .containsExactly(tuple("lead", "mql", 3, 42.0), tuple("lead", "sql", 1, 24.0),
                                 tuple("mql", "sql", 2, 93.0), tuple("sql", "opportunity", 2, 144.0),
                                 tuple("sql", "customer", 1, 384.0), tuple("opportunity", "customer", 1, 288.0));
        assertThat(number(transition(transitions, "lead", "mql"), "medianHours")).isEqualTo(48.0);
        assertThat(transition(transitions, "mql", "sql")).containsEntry("handoff", true)
                                                         .containsEntry("handoffOwner", "MARKETING");

        List<Map<String, Object>> stages = rows(web, "/api/maps/hubspot-lifecycle/stages" + window);
        assertThat(stages).extracting(r -> r.get("stageId"), r -> r.get("entered"))
                .containsExactly(tuple("lead", 5), tuple("mql", 4), tuple("sql", 3), tuple("opportunity", 2),
                                 tuple("customer", 2));
        // MQL SLA 48 h: 101 left after 120 h, 104 after 66 h; 102 (1,166 h) and 106 (975 h) still wait: 4 breaches.
        assertThat(find(stages, "stageId", "mql")).containsEntry("slaBreaches", 4);

        // Still waiting on 1 March: 105 in lead, 102 and 106 in MQL, 103 in opportunity; 101 and 104 are customers.
        // Counted over the channels, since journeys of other imports without a channel wait here too (the Maven
        // sample's open and lost deals sit in sql: this map has no stage for DealLost).
        List<Map<String, Object>> byChannel = rows(web, "/api/maps/hubspot-lifecycle/stages" + window
                                                        + "&groupBy=channel");
        Map<Object, Long> waiting = byChannel.stream().filter(r -> !"(none)".equals(r.get("group")))
                .collect(Collectors.groupingBy(r -> r.get("stageId"),
                        Collectors.summingLong(r -> ((Number) r.get("wipAtEnd")).longValue())));
        assertThat(waiting).containsExactlyInAnyOrderEntriesOf(Map.of("lead", 1L, "mql", 2L, "sql", 0L,
                                                                      "opportunity", 1L, "customer", 0L));

        // Leads that became customers: 101 and 104 of 5; MQLs that became SQLs: 101 and 104 of 4.
        List<Map<String, Object>> conversions = rows(web, "/api/maps/hubspot-lifecycle/conversions" + window);
        assertThat(number(conversion(conversions, "lead", "customer"), "rate")).isCloseTo(0.4, within(EPS));
        assertThat(number(conversion(conversions, "mql", "sql"), "rate")).isCloseTo(0.5, within(EPS));

        // Original Source is the channel: Organic Search 101 and 104, Paid Social 102 and 105, Offline 103, Email 106.
        assertThat(byChannel).filteredOn(r -> "customer".equals(r.get("stageId")))
                             .extracting(r -> r.get("group"), r -> r.get("entered"))
                             .contains(tuple("Organic Search", 2), tuple("Paid Social", 0));
    }

    /**
     * salesforce-opportunity-history-sample.csv, January 2025 (day hh:mm), discovered:
     * A Prospecting 06 09:00, Qualification 08 09:00, Proposal 15 09:00, Negotiation 20 09:00, Closed Won 27 09:00,
     *   Closed Won again 28 10:00 (an amount edit after the close: no new entry)
     * B Prospecting 07 10:00, Qualification 09 10:00, Closed Lost 16 10:00
     * C Prospecting 08 08:00, Proposal 10 08:00, Negotiation 17 08:00 (open)
     * D Qualification 09 12:00, Proposal 13 12:00, Closed Won 24 12:00
     * Positions: A 0, .2, .4, .6, .8, 1; B 0, .5, 1; C 0, .5, 1; D 0, .5, 1. Means: Prospecting 0, Qualification
     * .7/3, Proposal 1.4/3, Negotiation .8, Closed Won 2.8/3, Closed Lost 1. Closed Won ends A and D, Closed Lost B:
     * terminal; Negotiation ends C of A and C: not.
     */
    @Test
    @SuppressWarnings("unchecked")
    void salesforceOpportunityHistory_discoversTheStagesAndGivesTheHandComputedFlow() throws Exception {
        Map<String, Object> job = imported(web, preset("salesforce-opportunity-history.json"),
                                           ImportFixture.resourcePath("salesforce-opportunity-history-sample.csv"));
        assertThat((Map<String, Object>) job.get("progress")).containsEntry("accepted", 15);
        Map<String, Object> map = get(web, "/api/maps/salesforce-opportunities");
        assertThat(map).containsEntry("name", "Salesforce opportunities");
        assertThat((List<Map<String, Object>>) map.get("stages"))
                .extracting(s -> s.get("stageId"), s -> s.get("name"), s -> s.get("enteredOn"),
                            s -> s.get("terminal"))
                .containsExactly(tuple("prospecting", "Prospecting", List.of("Prospecting"), false),
                                 tuple("qualification", "Qualification", List.of("Qualification"), false),
                                 tuple("proposal-price-quote", "Proposal/Price Quote", List.of("ProposalPriceQuote"),
                                       false),
                                 tuple("negotiation-review", "Negotiation/Review", List.of("NegotiationReview"),
                                       false),
                                 tuple("closed-won", "Closed Won", List.of("ClosedWon"), true),
                                 tuple("closed-lost", "Closed Lost", List.of("ClosedLost"), true));
        String window = "?from=2025-01-01&to=2025-03-01&asOf=2025-03-01T00:00:00Z";

        // prospecting→qualification A 48 h, B 48 h; prospecting→proposal C 48 h; qualification→proposal A 168 h,
        // D 96 h; qualification→lost B 168 h; proposal→negotiation A 120 h, C 168 h; negotiation→won A 168 h;
        // proposal→won D 264 h.
        List<Map<String, Object>> transitions = awaitRows(web,
                "/api/maps/salesforce-opportunities/transitions" + window, rows -> sum(rows, "count") == 10);
        assertThat(transitions).extracting(r -> r.get("fromStage"), r -> r.get("toStage"), r -> r.get("count"),
                                           r -> number(r, "meanHours"))
                .containsExactly(tuple("prospecting", "qualification", 2, 48.0),
                                 tuple("prospecting", "proposal-price-quote", 1, 48.0),
                                 tuple("qualification", "proposal-price-quote", 2, 132.0),
                                 tuple("qualification", "closed-lost", 1, 168.0),
                                 tuple("proposal-price-quote", "negotiation-review", 2, 144.0),
                                 tuple("proposal-price-quote", "closed-won", 1, 264.0),
                                 tuple("negotiation-review", "closed-won", 1, 168.0));

        List<Map<String, Object>> stages = rows(web, "/api/maps/salesforce-opportunities/stages" + window);
        assertThat(stages).extracting(r -> r.get("entered"), r -> r.get("wipAtEnd"))
                          .containsExactly(tuple(3, 0), tuple(3, 0), tuple(3, 0), tuple(2, 1), tuple(2, 0),
                                           tuple(1, 0));
        // Of the 3 opportunities that entered Prospecting, A was won.
        assertThat(number(conversion(rows(web, "/api/maps/salesforce-opportunities/conversions" + window),
                                     "prospecting", "closed-won"), "rate")).isEqualTo(0.3333);
        // Four paths, one each; A took 22 days and 1 hour to its last stage step (the second Closed Won).
        List<Map<String, Object>> variants = rows(web, "/api/maps/salesforce-opportunities/variants" + window);
        assertThat(variants).hasSize(4).allMatch(v -> v.get("count").equals(1));
        Map<String, Object> won = find(variants, "variant", "prospecting > qualification > proposal-price-quote > "
                                                             + "negotiation-review > closed-won");
        assertThat(number(won, "medianThroughputHours")).isEqualTo(22 * 24 + 1.0);
        assertThat(won).containsEntry("ended", 1);
    }

    /**
     * maven-crm-sample.csv: seven rows of the Maven pipeline as they are. Won 1C1I7A6R engaged 2016-10-20, closed
     * 2017-03-01 (132 days); Z063OYW0 2016-10-25 → 2017-03-11 (137); Lost TCHFT25B 2016-11-14 → 2017-03-08 (114);
     * E8EY51IC 2017-01-05 → 2017-03-26 (80); Engaging UQQE9ILV, KBR253C0; Prospecting 6CWZFOHJ has no date, so no
     * step. On README's first-session map (sql = OpportunityOpened, won, lost).
     */
    @Test
    @SuppressWarnings("unchecked")
    void mavenCrmPipeline_givesTheHandComputedWinRateAndCycleTimes() throws Exception {
        web.put().uri("/api/maps/maven-first-session").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                "name", "Marketing to sales", "stages", List.of(
                        Map.of("stageId", "mql", "name", "MQL", "owner", "MARKETING",
                               "enteredOn", List.of("LeadQualified"), "slaHours", 48),
                        Map.of("stageId", "sal", "name", "SAL", "owner", "SALES", "enteredOn", List.of("LeadAccepted")),
                        Map.of("stageId", "sql", "name", "SQL", "owner", "SALES",
                               "enteredOn", List.of("OpportunityOpened")),
                        Map.of("stageId", "won", "name", "Won", "owner", "SALES", "enteredOn", List.of("DealWon")),
                        Map.of("stageId", "lost", "name", "Lost", "owner", "SALES", "enteredOn", List.of("DealLost")))))
           .exchange().expectStatus().isOk();
        Map<String, Object> job = imported(web, preset("maven-crm.json"),
                                           ImportFixture.resourcePath("maven-crm-sample.csv"));
        assertThat((Map<String, Object>) job.get("progress")).containsEntry("rowsRead", 7)
                                                              .containsEntry("accepted", 10);
        String window = "?from=2016-01-01&to=2018-01-01&asOf=2018-01-01T00:00:00Z";

        List<Map<String, Object>> transitions = awaitRows(web, "/api/maps/maven-first-session/transitions" + window,
                                                          rows -> sum(rows, "count") == 4);
        // Won: (132 + 137) / 2 = 134.5 days; lost: (114 + 80) / 2 = 97 days.
        assertThat(number(transition(transitions, "sql", "won"), "meanHours")).isCloseTo(134.5 * 24, within(EPS));
        assertThat(number(transition(transitions, "sql", "lost"), "meanHours")).isCloseTo(97.0 * 24, within(EPS));
        List<Map<String, Object>> stages = rows(web, "/api/maps/maven-first-session/stages" + window);
        assertThat(find(stages, "stageId", "sql")).containsEntry("entered", 6).containsEntry("wipAtEnd", 2);
        // Win rate of the six engaged: 2 of 6.
        assertThat(number(conversion(rows(web, "/api/maps/maven-first-session/conversions" + window), "sql", "won"),
                          "rate")).isEqualTo(0.3333);
        // The owner is the sales agent: Darcel Schlecht engaged two of the six.
        assertThat(find(rows(web, "/api/maps/maven-first-session/stages" + window + "&groupBy=owner"), "group",
                        "Darcel Schlecht")).containsEntry("stageId", "mql");
        assertThat(rows(web, "/api/maps/maven-first-session/stages" + window + "&groupBy=owner"))
                .filteredOn(r -> "Darcel Schlecht".equals(r.get("group")) && "sql".equals(r.get("stageId")))
                .extracting(r -> r.get("entered")).containsExactly(2);
    }

    private static Map<String, Object> conversion(List<Map<String, Object>> rows, String from, String to) {
        return rows.stream().filter(r -> from.equals(r.get("fromStage")) && to.equals(r.get("toStage"))).findFirst()
                   .orElseThrow(() -> new AssertionError("no conversion " + from + "→" + to + " in " + rows));
    }

    /** A figure as it leaves the service: rounded (docs/metrics.md, Precision), so 48.0 reads as the integer 48. */
    private static double number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }
}

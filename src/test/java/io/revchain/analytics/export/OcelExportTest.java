package io.revchain.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.revchain.system.Workloads;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OCEL 2.0 export of {@link ExportScenario}: valid against the standard's JSON schema, and holding exactly the
 * objects, events and relationships that the raw event documents in the store give for the window by the rules of
 * docs/export.md ({@link StoreModel}, which does not use revchain's facts or analytics).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "spring.application.name=export"})
@AutoConfigureWebTestClient
class OcelExportTest {

    static final Instant AS_OF = Instant.parse("2042-01-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;
    @Autowired
    MongoDatabase database;
    @Autowired
    @Qualifier("journeyFacts")
    HealthIndicator facts;
    @Autowired
    Workloads workloads;

    private Instant between;

    @BeforeEach
    void history() {
        between = ExportScenario.ensure(http);
        awaitFacts(facts);
    }

    static void awaitFacts(HealthIndicator facts) {
        ExportScenario.await(() -> Long.valueOf(0).equals(((Number) facts.health().getDetails().get("lag"))
                                                                 .longValue()), "the journey facts to catch up");
    }

    @Test
    void secondAndThirdQuarter_validatesAgainstTheOcelSchema_andHoldsWhatTheStoreHolds() throws Exception {
        JsonNode log = ocel("from=2041-04-01&to=2041-10-01&asOf=" + AS_OF);
        assertThat(schemaErrors(log)).isEmpty();
        // The validator does check: a time that is not a date-time and a value that is not a string are refused.
        tools.jackson.databind.node.ObjectNode broken = (tools.jackson.databind.node.ObjectNode) log.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) broken.get("events").get(0)).put("time", "yesterday");
        ((tools.jackson.databind.node.ObjectNode) broken.get("events").get(0).get("attributes").get(0))
                .put("value", 3);
        assertThat(schemaErrors(broken)).hasSize(2);
        StoreModel.Expected expected = new StoreModel(database).export(Instant.parse("2041-04-01T00:00:00Z"),
                Instant.parse("2041-10-01T00:00:00Z"), AS_OF, null, null, null);
        assertMatches(log, expected);
        // By hand: e1 (open at the start), e2, e4, e6, e7, e9; not e3 and e5 (closed before April). Campaigns c1
        // and c2 (not c3, which no journey names), their segment s1 (not s2), and deck-1.
        assertThat(expected.objects()).containsEntry("journey", Set.of("journey:e1", "journey:e2", "journey:e4",
                                                                       "journey:e6", "journey:e7", "journey:e9"))
                                      .containsEntry("campaign", Set.of("campaign:c1", "campaign:c2"))
                                      .containsEntry("segment", Set.of("segment:s1"))
                                      .containsEntry("asset", Set.of("asset:deck-1"));
        // Events: e1 5, e2 7, e4 4, e6 4, e7 2, e9 4; c1 2, c2 1; s1 2.
        assertThat(expected.events()).hasSize(26 + 3 + 2);
    }

    @Test
    void knownAtBetweenTheBatches_leavesOutWhatWasRecordedLater() throws Exception {
        JsonNode log = ocel("quarter=2041-Q2&asOf=" + AS_OF + "&knownAt=" + between);
        assertThat(schemaErrors(log)).isEmpty();
        StoreModel.Expected expected = new StoreModel(database).export(Instant.parse("2041-04-01T00:00:00Z"),
                Instant.parse("2041-07-01T00:00:00Z"), AS_OF, between, null, null);
        assertMatches(log, expected);
        // e7 was recorded late: not there at all; e2 without its onboarding.
        assertThat(expected.objects().get("journey")).containsExactly("journey:e1", "journey:e2", "journey:e4",
                                                                      "journey:e6");
        assertThat(ids(log.get("events"))).doesNotContain("journey:e2/export-e2-7").contains("journey:e2/export-e2-6");
    }

    @Test
    void aFilter_keepsItsJourneysAndWhatTheyRelateTo() throws Exception {
        JsonNode log = ocel("quarter=2041-Q2&asOf=" + AS_OF + "&filter.product=GTX");
        assertThat(schemaErrors(log)).isEmpty();
        StoreModel.Expected expected = new StoreModel(database).export(Instant.parse("2041-04-01T00:00:00Z"),
                Instant.parse("2041-07-01T00:00:00Z"), AS_OF, null, "product", "GTX");
        assertMatches(log, expected);
        assertThat(expected.objects()).containsEntry("journey", Set.of("journey:e4"))
                                      .containsEntry("campaign", Set.of("campaign:c2"));
    }

    @Test
    void eventsCarryRecordTimeTypedDeclarationsAndQualifiedRelationships() throws Exception {
        JsonNode log = ocel("from=2041-04-01&to=2041-10-01&asOf=" + AS_OF);
        JsonNode won = find(log.get("events"), "journey:e2/export-e2-6");
        assertThat(won.get("type").asString()).isEqualTo("DealWon");
        assertThat(won.get("time").asString()).isEqualTo("2041-06-15T16:45:00Z");
        Map<String, String> attributes = attributes(won);
        assertThat(attributes).containsEntry("amount", "1300").containsEntry("owner", "cy");
        assertThat(Instant.parse(attributes.get("recordedAt"))).isBefore(between);
        assertThat(relations(won)).containsExactlyInAnyOrder("journey:e2 journey", "campaign:c1 campaign");
        assertThat(relations(find(log.get("events"), "journey:e2/export-e2-5")))
                .containsExactlyInAnyOrder("journey:e2 journey", "campaign:c1 campaign", "asset:deck-1 asset used");
        assertThat(relations(find(log.get("events"), "journey:e9/export-e9-4")))
                .containsExactlyInAnyOrder("journey:e9 journey", "campaign:c1 campaign",
                                           "campaign:c2 changed campaign");
        assertThat(relations(find(log.get("events"), "campaign:c1/export-c1-2")))
                .containsExactlyInAnyOrder("campaign:c1 campaign", "asset:deck-1 asset published");
        // Declared types: amount is a number wherever it occurs, record time a time, the rest text.
        Map<String, String> dealWon = declared(log.get("eventTypes"), "DealWon");
        assertThat(dealWon).containsEntry("amount", "float").containsEntry("owner", "string")
                           .containsEntry("recordedAt", "time");
        assertThat(declared(log.get("eventTypes"), "DemoHeld")).containsEntry("demoKind", "string");
        assertThat(declared(log.get("objectTypes"), "campaign")).containsEntry("budget", "float");
        // Objects: values over time (the owner changes at the handoff) and links.
        JsonNode e1 = find(log.get("objects"), "journey:e1");
        List<String> owners = new ArrayList<>();
        e1.get("attributes").forEach(a -> {
            if (a.get("name").asString().equals("owner")) {
                owners.add(a.get("value").asString() + "@" + a.get("time").asString());
            }
        });
        assertThat(owners).containsExactly("ann@2041-02-01T09:00:00Z", "bob@2041-02-04T11:00:00Z");
        assertThat(relations(e1)).containsExactly("campaign:c1 campaign");
        assertThat(relations(find(log.get("objects"), "campaign:c2"))).containsExactly("segment:s1 segment");
        assertThat(relations(find(log.get("objects"), "asset:deck-1"))).containsExactly("campaign:c1 published by");
        JsonNode s1 = find(log.get("objects"), "segment:s1");
        assertThat(s1.get("attributes").toString()).contains("logistics and rail", "2041-05-01T09:00:00Z");
    }

    @Test
    void theAnswerIsStreamedAsAnAttachment_andFreesItsPlace() {
        var result = http.get().uri("/api/export/ocel?quarter=2041-Q2&asOf=" + AS_OF).exchange()
                         .expectStatus().isOk()
                         .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                         .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; "
                                                     + "filename=\"revchain-2041-04-01-2041-07-01.ocel.json\"")
                         .expectBody().returnResult();
        assertThat(result.getResponseHeaders().getContentLength()).as("no length: written as it is made")
                                                                  .isEqualTo(-1);
        http.get().uri("/api/export/ocel?filter.nothingCarriesThis=x").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("filter.nothingCarriesThis");
        http.get().uri("/api/export/ocel?groupBy=channel").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("groupBy");
        http.get().uri("/api/export/xes?format=csv").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
        ExportScenario.await(() -> workloads.exportsRunning() == 0, "every export to give its place back");
    }

    private JsonNode ocel(String query) {
        byte[] body = http.get().uri("/api/export/ocel?" + query).exchange().expectStatus().isOk()
                          .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    static List<String> schemaErrors(JsonNode log) throws Exception {
        try (InputStream schemaFile = OcelExportTest.class.getResourceAsStream("/ocel/ocel20-schema-json.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaFile);
            List<Error> errors = schema.validate(log, context -> context.executionConfig(
                    config -> config.formatAssertionsEnabled(true)));
            return errors.stream().map(Error::toString).toList();
        }
    }

    /** Object ids by type, event ids, and every relationship equal the independent computation. */
    private static void assertMatches(JsonNode log, StoreModel.Expected expected) {
        Map<String, Set<String>> objects = new TreeMap<>();
        for (String type : expected.objects().keySet()) {
            objects.put(type, new TreeSet<>());
        }
        List<String> objectRelations = new ArrayList<>();
        for (JsonNode object : log.get("objects")) {
            objects.computeIfAbsent(object.get("type").asString(), t -> new TreeSet<>())
                   .add(object.get("id").asString());
            relations(object).forEach(r -> objectRelations.add(object.get("id").asString() + " -> " + r));
        }
        List<String> eventRelations = new ArrayList<>();
        for (JsonNode event : log.get("events")) {
            relations(event).forEach(r -> eventRelations.add(event.get("id").asString() + " -> " + r));
        }
        objectRelations.sort(null);
        eventRelations.sort(null);
        assertThat(objects).isEqualTo(expected.objects());
        assertThat(new TreeSet<>(ids(log.get("events")))).isEqualTo(expected.events());
        assertThat(log.get("events").size()).as("no event twice").isEqualTo(expected.events().size());
        assertThat(eventRelations).isEqualTo(expected.eventRelations());
        assertThat(objectRelations).isEqualTo(expected.objectRelations());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode node : array) {
            if (node.get("id").asString().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id);
    }

    private static List<String> relations(JsonNode node) {
        List<String> relations = new ArrayList<>();
        JsonNode array = node.get("relationships");
        if (array != null) {
            array.forEach(r -> relations.add(r.get("objectId").asString() + " " + r.get("qualifier").asString()));
        }
        return relations;
    }

    private static Map<String, String> attributes(JsonNode event) {
        Map<String, String> attributes = new TreeMap<>();
        event.get("attributes").forEach(a -> attributes.put(a.get("name").asString(), a.get("value").asString()));
        return attributes;
    }

    private static Map<String, String> declared(JsonNode types, String name) {
        Map<String, String> declared = new TreeMap<>();
        for (JsonNode type : types) {
            if (type.get("name").asString().equals(name)) {
                type.get("attributes").forEach(a -> declared.put(a.get("name").asString(),
                                                                 a.get("type").asString()));
            }
        }
        return declared;
    }
}

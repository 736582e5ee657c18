package io.revchain.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.revchain.RevchainApplication;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The XES export of {@link ExportScenario}: IEEE 1849 structure read back with a DOM parser, the traces a window
 * holds as docs/export.md defines them (computed from the store's event documents, {@link StoreModel}), and the
 * round trip: a window exported as XES and imported with the ordinary XES importer into a fresh store answers the
 * same flow documents for that window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "spring.application.name=export"})
@AutoConfigureWebTestClient
class XesExportTest {

    private static final Instant AS_OF = OcelExportTest.AS_OF;
    private static final String Q2 = "quarter=2041-Q2&asOf=" + AS_OF;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext freshStore;

    @Autowired
    WebTestClient http;
    @Autowired
    MongoDatabase database;
    @Autowired
    @Qualifier("journeyFacts")
    HealthIndicator facts;
    @Value("${revchain.security.admin-password}")
    String adminPassword;

    @BeforeEach
    void history() {
        ExportScenario.ensure(http);
        OcelExportTest.awaitFacts(facts);
    }

    @AfterAll
    static void closeFreshStore() {
        if (freshStore != null) {
            freshStore.close();
        }
    }

    @Test
    void secondQuarter_oneTracePerActiveJourney_stepsInTimelineOrder_withTheStandardExtensions() throws Exception {
        Document xes = parse(xes(Q2));
        Element log = xes.getDocumentElement();
        assertThat(log.getTagName()).isEqualTo("log");
        assertThat(log.getNamespaceURI()).isEqualTo("http://www.xes-standard.org/");
        assertThat(children(log, "extension")).extracting(e -> e.getAttribute("prefix"))
                                              .containsExactly("concept", "time", "org", "lifecycle");
        List<String> traces = children(log, "trace").stream().map(t -> value(t, "concept:name")).toList();
        StoreModel.Expected expected = new StoreModel(database).export(Instant.parse("2041-04-01T00:00:00Z"),
                Instant.parse("2041-07-01T00:00:00Z"), AS_OF, null, null, null);
        assertThat(traces).isEqualTo(expected.journeys()).containsExactly("e1", "e2", "e4", "e6", "e7");

        Element e1 = children(log, "trace").get(0);
        // Every visible step of e1, also the July opportunity after the quarter: the journey is exported whole.
        assertThat(children(e1, "event")).extracting(e -> value(e, "concept:name"))
                .containsExactly("LeadCaptured", "LeadQualified", "LeadHandedOff", "LeadAccepted", "OpportunityOpened");
        Element handoff = children(e1, "event").get(2);
        assertThat(attributes(handoff)).containsEntry("date time:timestamp", "2041-02-04T11:00:00Z")
                                       .containsEntry("string lifecycle:transition", "complete")
                                       .containsEntry("string org:resource", "bob")
                                       .containsEntry("string to", "bob");
        Element won = children(children(log, "trace").get(1), "event").get(5);
        assertThat(attributes(won)).containsEntry("string concept:name", "DealWon")
                                   .containsEntry("float amount", "1300")
                                   .containsEntry("string org:resource", "cy");
        Element e6 = children(log, "trace").get(3);
        assertThat(attributes(children(e6, "event").get(1)))
                .containsEntry("date time:timestamp", "2041-05-06T10:15:30.123456789Z");
    }

    @Test
    void roundTrip_aQuarterImportedIntoAFreshStore_answersTheSameFlowDocuments() {
        byte[] exported = xes(Q2);
        freshStore = new SpringApplicationBuilder(RevchainApplication.class)
                .run("--server.port=0", "--revchain.mongodb.embedded.backend=memory",
                     "--spring.application.name=export-round-trip");
        WebTestClient fresh = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + freshStore.getEnvironment().getRequiredProperty("local.server.port"))
                .defaultHeaders(h -> h.setBasicAuth("admin", adminPassword))
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
        fresh.put().uri("/api/maps/{id}", ExportScenario.MAP).contentType(MediaType.APPLICATION_JSON)
             .bodyValue(ExportScenario.map()).exchange().expectStatus().isOk();

        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", "{\"mapId\": \"round-trip\", \"format\": \"xes\"}", MediaType.APPLICATION_JSON);
        parts.part("file", new ByteArrayResource(exported) {
            @Override
            public String getFilename() {
                return "export.xes";
            }
        });
        Map<?, ?> job = fresh.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                             .body(BodyInserters.fromMultipartData(parts.build())).exchange()
                             .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) job.get("id");
        Map<?, ?>[] last = {job};
        ExportScenario.await(() -> {
            last[0] = fresh.get().uri("/api/imports/{id}", id).exchange().expectBody(Map.class).returnResult()
                           .getResponseBody();
            return !List.of("QUEUED", "RUNNING").contains(last[0].get("status"));
        }, "the import");
        assertThat(last[0].get("status")).as(String.valueOf(last[0])).isEqualTo("COMPLETED");
        Map<?, ?> progress = (Map<?, ?>) last[0].get("progress");
        // Every event of the file became a step: e1 5, e2 7, e4 4, e6 4, e7 2.
        assertThat(progress.get("rowsRead")).isEqualTo(22);
        assertThat(progress.get("accepted")).isEqualTo(22);
        assertThat(progress.get("rowErrors")).isEqualTo(0);

        for (String query : List.of(Q2, Q2 + "&groupBy=owner", Q2 + "&groupBy=channel", Q2 + "&groupBy=campaign",
                                    Q2 + "&filter.product=GTX")) {
            String uri = "/api/maps/" + ExportScenario.MAP + "/flow?" + query;
            JsonNode original = flow(http, uri);
            JsonNode[] imported = {null};
            ExportScenario.await(() -> original.equals(imported[0] = flow(fresh, uri)), "the fresh store's figures");
            assertThat(imported[0]).as(uri).isEqualTo(original);
            assertThat(original.get("transitions").size()).as("%s has transitions", uri).isPositive();
        }
    }

    private byte[] xes(String query) {
        return http.get().uri("/api/export/xes?" + query).exchange()
                   .expectStatus().isOk()
                   .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                   .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION,
                                               "attachment; filename=\"revchain-2041-04-01-2041-07-01.xes\"")
                   .expectBody().returnResult().getResponseBody();
    }

    private static JsonNode flow(WebTestClient client, String uri) {
        return JSON.readTree(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
                                   .getResponseBody());
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(tag)) {
                children.add(e);
            }
        }
        return children;
    }

    /** The element's attributes as "type key" -> value. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.hasAttribute("key")) {
                attributes.put(e.getLocalName() + " " + e.getAttribute("key"), e.getAttribute("value"));
            }
        }
        return attributes;
    }

    private static String value(Element element, String key) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && key.equals(e.getAttribute("key"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }
}

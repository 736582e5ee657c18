package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.RevchainApplication;
import io.revchain.system.web.Rounded;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Every read the application maps, requested in every format it documents (docs/api.md): JSON, CSV and each
 * {@code part=}. The routes come from the application's handler mappings, so a new read that is not listed in
 * {@link #READS} fails {@link #everyReadRouteIsListed} until its formats are added here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class ReadContractTest {

    /** XES: an IEEE 1849 event log, application/xml. */
    enum Format { JSON, CSV, EVENT_STREAM, HTML, XES }

    /**
     * A read route, a request that exercises it, the formats it answers and the parts it can be cut into; or, for a
     * read that needs a history this shared context must not hold (a parked poison event), the test that covers it.
     */
    record Read(String route, String uri, Set<Format> formats, List<String> parts, String coveredBy) {

        Read(String route, String uri, Set<Format> formats, List<String> parts) {
            this(route, uri, formats, parts, null);
        }
    }

    private static final String MAP_READ = "/api/maps/" + ContractData.MAP;
    private static final String Q3 = "quarter=2031-Q3&asOf=2032-01-01T00:00:00Z";

    static final List<Read> READS = List.of(
            new Read("/api/maps", "/api/maps", Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}", MAP_READ, Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}/versions", MAP_READ + "/versions", Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}/versions/{version}", MAP_READ + "/versions/1", Set.of(Format.JSON),
                     List.of()),
            new Read("/api/maps/{mapId}/definitions", MAP_READ + "/definitions", Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}/stages", MAP_READ + "/stages?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of()),
            new Read("/api/maps/{mapId}/transitions", MAP_READ + "/transitions?" + Q3,
                     Set.of(Format.JSON, Format.CSV), List.of()),
            new Read("/api/maps/{mapId}/conversions", MAP_READ + "/conversions?" + Q3,
                     Set.of(Format.JSON, Format.CSV), List.of()),
            new Read("/api/maps/{mapId}/flow", MAP_READ + "/flow?" + Q3, Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}/variants", MAP_READ + "/variants?" + Q3 + "&limit=5",
                     Set.of(Format.JSON, Format.CSV), List.of()),
            new Read("/api/maps/{mapId}/loop", MAP_READ + "/loop?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of("feedbackBySegment", "feedbackByCampaign", "rejections")),
            new Read("/api/maps/{mapId}/compare", MAP_READ + "/compare?a=2031-Q2&b=2031-Q3&asOf=2032-01-01",
                     Set.of(Format.JSON, Format.CSV), List.of("stages", "transitions")),
            new Read("/api/maps/{mapId}/replay", MAP_READ + "/replay?" + Q3 + "&step=P7D",
                     Set.of(Format.EVENT_STREAM), List.of()),
            new Read("/api/maps/{mapId}/stages/{stageId}/journeys", MAP_READ + "/stages/mql/journeys?" + Q3,
                     Set.of(Format.JSON, Format.CSV), List.of()),
            new Read("/api/maps/{mapId}/transitions/{fromStage}/{toStage}/journeys",
                     MAP_READ + "/transitions/lead/mql/journeys?" + Q3, Set.of(Format.JSON, Format.CSV), List.of()),
            new Read("/api/maps/{mapId}/journeys/{journeyId}", MAP_READ + "/journeys/contract-k1",
                     Set.of(Format.JSON), List.of()),
            new Read("/api/maps/{mapId}/value", MAP_READ + "/value?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of("stages", "summary")),
            new Read("/api/maps/{mapId}/revenue", MAP_READ + "/revenue?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of("origins", "campaigns")),
            new Read("/api/maps/{mapId}/velocity", MAP_READ + "/velocity?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of()),
            new Read("/api/maps/{mapId}/assets", MAP_READ + "/assets?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of("assets", "campaigns")),
            new Read("/api/maps/{mapId}/scorecard", MAP_READ + "/scorecard?" + Q3, Set.of(Format.JSON, Format.CSV),
                     List.of()),
            new Read("/api/maps/{mapId}/targets", MAP_READ + "/targets", Set.of(Format.JSON), List.of()),
            new Read("/api/sessions", "/api/sessions?mapId=" + ContractData.MAP, Set.of(Format.JSON), List.of()),
            new Read("/api/sessions/{sessionId}", "/api/sessions/" + ContractData.SESSION, Set.of(Format.JSON),
                     List.of()),
            new Read("/api/imports", "/api/imports", Set.of(Format.JSON), List.of()),
            new Read("/api/imports/{id}", "/api/imports/{import}", Set.of(Format.JSON), List.of()),
            new Read("/api/admin/rebuild", "/api/admin/rebuild", Set.of(Format.JSON), List.of()),
            new Read("/api/admin/users", "/api/admin/users", Set.of(Format.JSON), List.of()),
            new Read("/api/admin/keys", "/api/admin/keys", Set.of(Format.JSON), List.of()),
            new Read("/api/admin/parked-events", null, Set.of(Format.JSON, Format.CSV), List.of(),
                     "PoisonEventTest (parks events in a context of its own)"),
            new Read("/api/admin/parked-events/{id}", null, Set.of(Format.JSON), List.of(),
                     "PoisonEventTest (parks events in a context of its own)"),
            new Read("/api/export/xes", "/api/export/xes?" + Q3, Set.of(Format.XES), List.of()),
            new Read("/api/export/ocel", "/api/export/ocel?" + Q3, Set.of(Format.JSON), List.of()),
            new Read("/api/me", "/api/me", Set.of(Format.JSON), List.of()),
            new Read("/login", "/login", Set.of(Format.HTML), List.of()));

    /** Reads under /api/maps/{mapId} that take the flow parameters (format among them). */
    private static final Pattern FLOW_READ = Pattern.compile("/api/maps/\\{mapId}/(stages|transitions|conversions|"
                                                             + "flow|loop|compare|replay|variants|journeys/\\{journeyId})");
    /** Money reads answer one JSON document each (the CSV parts are its tables). */
    private static final Pattern MONEY_DOCUMENT = Pattern.compile("/api/maps/\\{mapId}/(value|revenue|velocity|assets|"
                                                                  + "scorecard|targets)");
    /** History exports: one document each, in the format the route names. */
    private static final String EXPORT = "/api/export/";
    private static final Pattern EXPONENT = Pattern.compile("^-?\\d+(\\.\\d+)?[eE][-+]?\\d+$");
    private static final JsonMapper JSON = JsonMapper.builder()
                                                     .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                                     .build();

    @Autowired
    WebTestClient http;

    @Autowired
    List<RequestMappingHandlerMapping> handlerMappings;

    @BeforeEach
    void history() {
        // An export of the shared context's history runs past the 256 KB a test client buffers by default.
        http = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
        ContractData.ensure(http);
    }

    @Test
    void everyReadRouteIsListed() {
        Set<String> mapped = new TreeSet<>();
        var handlers = handlerMappings.stream().flatMap(m -> m.getHandlerMethods().entrySet().stream()).toList();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers) {
            RequestMappingInfo info = entry.getKey();
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition()
                                                                                   .getMethods();
            boolean read = methods.isEmpty() || methods.stream().anyMatch(m -> m.asHttpMethod() == HttpMethod.GET);
            if (read && entry.getValue().getBeanType().getPackageName().startsWith("io.revchain")) {
                info.getPatternsCondition().getPatterns().forEach(p -> mapped.add(p.getPatternString()));
            }
        }
        Set<String> listed = READS.stream().map(Read::route).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(listed);
        assertThat(missing).as("GET routes the application maps but ReadContractTest.READS does not list; add each "
                                       + "with every format and part it answers (docs/api.md)").isEmpty();
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(mapped);
        assertThat(stale).as("routes ReadContractTest.READS lists that the application no longer maps").isEmpty();
    }

    @Test
    void everyReadAnswersEveryDocumentedFormatAndPart() {
        List<String> checked = new ArrayList<>();
        for (Read read : READS) {
            if (read.coveredBy() != null) {
                continue;
            }
            String uri = read.uri().replace("{import}", String.valueOf(ContractData.importId()));
            if (read.formats().contains(Format.HTML)) {
                http.get().uri(uri).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
                checked.add("HTML " + uri);
            }
            if (read.formats().contains(Format.JSON)) {
                json(uri, read.route().endsWith("}") || !isList(read));
                checked.add("JSON " + uri);
            }
            if (read.formats().contains(Format.CSV)) {
                csv(with(uri, "format=csv"));
                csvByAccept(uri);
                checked.add("CSV " + uri);
            } else if (FLOW_READ.matcher(read.route()).matches() || read.route().startsWith(EXPORT)) {
                refused(with(uri, "format=csv"), "format");
            }
            if (read.formats().contains(Format.XES)) {
                xes(uri);
                checked.add("XES " + uri);
            }
            for (String part : read.parts()) {
                json(with(uri, "part=" + part), false);
                csv(with(uri, "part=" + part + "&format=csv"));
                checked.add("parts " + uri + " " + part);
            }
            if (!read.parts().isEmpty()) {
                refused(with(uri, "part=nope"), "part");
                refused(with(uri, "part=nope&format=csv"), "part");
            }
            if (read.formats().contains(Format.EVENT_STREAM)) {
                eventStream(uri);
                refused(with(uri, "format=csv"), "format");
            }
        }
        assertThat(checked).hasSizeGreaterThan(READS.size());
    }

    @Test
    void everyFloatingPointFigureOfAReadRowIsRounded() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        List<String> unrounded = new ArrayList<>();
        int views = 0;
        for (var candidate : scanner.findCandidateComponents(RevchainApplication.class.getPackageName())) {
            if (!candidate.getBeanClassName().endsWith("View")) {
                continue;
            }
            views++;
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> t = component.getType();
                boolean floating = t == double.class || t == Double.class || t == float.class || t == Float.class;
                if (floating && component.getAnnotation(Rounded.class) == null) {
                    unrounded.add(type.getSimpleName() + "." + component.getName());
                }
            }
        }
        assertThat(views).as("read rows found").isGreaterThan(5);
        assertThat(unrounded).as("floating-point figures of read rows without @Rounded (docs/metrics.md, "
                                         + "Precision)").isEmpty();
    }

    private static boolean isList(Read read) {
        return !read.route().endsWith("}") && !read.route().endsWith("/flow") && !read.route().endsWith("/loop")
                && !read.route().endsWith("/compare") && !read.route().endsWith("/rebuild")
                && !read.route().equals("/api/me") && !MONEY_DOCUMENT.matcher(read.route()).matches()
                && !read.route().endsWith("/journeys") && !read.route().startsWith(EXPORT);
    }

    private static String with(String uri, String parameter) {
        return uri + (uri.contains("?") ? "&" : "?") + parameter;
    }

    private void json(String uri, boolean document) {
        EntityExchangeResult<byte[]> result = http.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange()
                                                  .expectStatus().isOk()
                                                  .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                                                  .expectBody().returnResult();
        JsonNode body = JSON.readTree(result.getResponseBody());
        if (!document) {
            assertThat(body.isArray()).as("%s answers JSON rows", uri).isTrue();
            assertThat(body.size()).as("%s has rows for this history", uri).isPositive();
        }
        roundedNumbers(uri, body);
    }

    private static void roundedNumbers(String uri, JsonNode node) {
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            assertThat(number.scale()).as("%s: %s carries more than 4 decimals", uri, number).isLessThanOrEqualTo(4);
        }
        for (JsonNode child : node) {
            roundedNumbers(uri, child);
        }
    }

    private void csv(String uri) {
        EntityExchangeResult<byte[]> result = http.get().uri(uri).exchange()
                                                  .expectStatus().isOk()
                                                  .expectHeader().contentTypeCompatibleWith("text/csv")
                                                  .expectHeader().valueMatches("Content-Disposition",
                                                                               "inline; filename=\".+\\.csv\"")
                                                  .expectBody().returnResult();
        String text = new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).as("%s ends its rows with CRLF", uri).endsWith("\r\n");
        List<String[]> rows = new ArrayList<>();
        CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
        try (var iterator = mapper.readerFor(String[].class).<String[]>readValues(text)) {
            iterator.forEachRemaining(rows::add);
        }
        assertThat(rows).as("%s: a header and at least one row", uri).hasSizeGreaterThan(1);
        int width = rows.get(0).length;
        for (Iterator<String[]> it = rows.listIterator(1); it.hasNext(); ) {
            String[] row = it.next();
            assertThat(row).as("%s: every row has the header's %d cells", uri, width).hasSize(width);
            for (String cell : row) {
                assertThat(EXPONENT.matcher(cell).matches()).as("%s: %s has an exponent", uri, cell).isFalse();
                if (cell.matches("-?\\d+\\.\\d+")) {
                    assertThat(new BigDecimal(cell).scale()).as("%s: %s carries more than 4 decimals", uri, cell)
                                                            .isLessThanOrEqualTo(4);
                }
            }
        }
    }

    private void csvByAccept(String uri) {
        http.get().uri(uri).accept(MediaType.parseMediaType("text/csv")).exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/csv");
    }

    private void xes(String uri) {
        String body = http.get().uri(uri).accept(MediaType.APPLICATION_XML).exchange()
                          .expectStatus().isOk()
                          .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                          .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as("%s is an XES log with traces", uri)
                        .contains("<log xmlns=\"http://www.xes-standard.org/\"", "<trace>", "</log>");
    }

    private void eventStream(String uri) {
        String body = http.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                          .expectStatus().isOk()
                          .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                          .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as("%s streams frames", uri).contains("event:frame");
    }

    private void refused(String uri, String field) {
        http.get().uri(uri).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }
}

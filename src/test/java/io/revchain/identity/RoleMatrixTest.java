package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route the application maps (annotated endpoints, actuator, router functions, static resources, and the
 * sign-in filters) is called by every kind of caller, and answers as the route table in docs/security.md says:
 * no escalation, no wrong refusal, 401 problem+json for the anonymous, 403 problem+json for a wrong role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "spring.application.name=role-matrix"})
@AutoConfigureWebTestClient
class RoleMatrixTest {

    private static final Path SECURITY_DOC = Path.of("docs", "security.md");
    private static final String CSRF = "matrix-csrf-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The columns of the matrix. */
    enum Caller {
        ANONYMOUS, READER, RECORDER, FACILITATOR, ADMIN, READER_KEY_IN_QUERY
    }

    record Row(HttpMethod method, String pattern, String who) {

        PathPattern parsed() {
            return PathPatternParser.defaultInstance.parse(pattern);
        }
    }

    record Mapped(HttpMethod method, String pattern, String source) {
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    WebTestClient admin;

    @Test
    void securityDocTableIsTheRouteTable() throws IOException {
        List<Row> documented = documentedTable();
        List<Row> code = Routes.TABLE.stream().map(r -> new Row(r.method(), r.pattern(), r.who())).toList();
        assertThat(documented).as("the route table in docs/security.md, row by row").isEqualTo(code);
    }

    @Test
    void everyMappedRouteAnswersEveryCallerAsTheTableSays() throws IOException {
        List<Row> table = documentedTable();
        Set<Mapped> routes = mappedRoutes();
        assertThat(routes).extracting(Mapped::pattern)
                          .as("the enumeration finds endpoints, actuator, static resources and the sign-in filters")
                          .contains("/api/steps", "/api/admin/keys", "/api/me", "/actuator/health",
                                    "/actuator/metrics", "/webjars/**", "/login", "/logout");

        // The OpenAPI document is built on its first request: over 10 s on a loaded 2-core machine.
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                                            .responseTimeout(Duration.ofSeconds(60)).build();
        // Reads that need the journey facts (the history exports) wait while a fresh node loads them: load first.
        admin.mutate().responseTimeout(Duration.ofSeconds(60)).build()
             .get().uri("/api/export/ocel?asOf=1900-01-01").exchange().expectStatus().isOk();
        TestPrincipals.user(admin, "matrix-reader", "Rea", "SALES", "reader");
        TestPrincipals.user(admin, "matrix-recorder", "Rec", null, "recorder");
        TestPrincipals.user(admin, "matrix-facilitator", "Fay", "MARKETING", "facilitator");
        String adminPassword = context.getEnvironment().getRequiredProperty("revchain.security.admin-password");
        Map<Caller, String> authorization = Map.of(
                Caller.READER, basic("matrix-reader", TestPrincipals.PASSWORD),
                Caller.RECORDER, basic("matrix-recorder", TestPrincipals.PASSWORD),
                Caller.FACILITATOR, basic("matrix-facilitator", TestPrincipals.PASSWORD),
                Caller.ADMIN, basic("admin", adminPassword));
        String readerKey = TestPrincipals.apiKey(admin, "matrix-bi", "reader");

        List<String> escalations = new ArrayList<>();
        List<String> wronglyRefused = new ArrayList<>();
        List<String> badRefusals = new ArrayList<>();
        int calls = 0;
        for (Mapped route : routes) {
            String path = concrete(route.pattern());
            Row row = firstMatch(table, route.method(), path);
            for (Caller caller : Caller.values()) {
                boolean allowed = row != null && allows(row, route.method(), caller);
                String uri = caller == Caller.READER_KEY_IN_QUERY ? path + "?api_key=" + readerKey : path;
                EntityExchangeResult<byte[]> result = call(client, route.method(), uri, authorization.get(caller));
                calls++;
                String what = caller + " " + route.method() + " " + path + " (" + route.source() + ", row "
                              + (row == null ? "none" : row.pattern() + " " + row.who()) + ") -> "
                              + result.getStatus().value() + " " + rule(result);
                boolean refused = refusedByAccessRules(result);
                if (allowed && refused) {
                    wronglyRefused.add(what);
                } else if (!allowed && !refused) {
                    escalations.add(what);
                } else if (!allowed && !refusalShapeFits(caller, route.method(), result)) {
                    badRefusals.add(what);
                }
            }
        }
        assertThat(calls).isGreaterThan(200);
        assertThat(escalations).as("escalations: answered although the table refuses").isEmpty();
        assertThat(wronglyRefused).as("refused although the table allows").isEmpty();
        assertThat(badRefusals).as("refusals that are not 401/403 problem+json naming the rule").isEmpty();
    }

    private static String basic(String username, String password) {
        return "Basic " + HttpHeaders.encodeBasicAuth(username, password, StandardCharsets.UTF_8);
    }

    /**
     * Every call carries a valid CSRF pair (cookie and header), as a page of revchain would: the matrix is about
     * roles; BrowserSessionTest covers the token.
     */
    private EntityExchangeResult<byte[]> call(WebTestClient client, HttpMethod method, String uri,
                                              String authorization) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(URI.create("http://localhost:" + port + uri))
                                                      .cookie("XSRF-TOKEN", CSRF)
                                                      .header("X-XSRF-TOKEN", CSRF);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        WebTestClient.RequestHeadersSpec<?> ready = method.equals(HttpMethod.GET) || method.equals(HttpMethod.DELETE)
                ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        return ready.exchange().expectBody().returnResult();
    }

    // ---- the table --------------------------------------------------------------------------------------------

    static List<Row> documentedTable() throws IOException {
        String doc = Files.readString(SECURITY_DOC);
        int begin = doc.indexOf("<!-- routes:begin");
        int end = doc.indexOf("<!-- routes:end -->");
        assertThat(begin).as("docs/security.md marks its route table").isPositive();
        List<Row> rows = new ArrayList<>();
        for (String line : doc.substring(begin, end).split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].strip().matches("GET|POST|PUT|DELETE")) {
                continue;
            }
            rows.add(new Row(HttpMethod.valueOf(cells[1].strip()), cells[2].strip().replace("`", ""),
                             cells[3].strip()));
        }
        return rows;
    }

    static Row firstMatch(List<Row> table, HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return table.stream().filter(r -> r.method().equals(method) && r.parsed().matches(container)).findFirst()
                    .orElse(null);
    }

    /** As docs/security.md says: admin includes every role, facilitator includes reader; a query key only reads. */
    static boolean allows(Row row, HttpMethod method, Caller caller) {
        if (caller == Caller.READER_KEY_IN_QUERY && !method.equals(HttpMethod.GET)) {
            return false;
        }
        if (row.who().equals("anyone")) {
            return true;
        }
        if (caller == Caller.ANONYMOUS) {
            return false;
        }
        if (row.who().equals("signed in")) {
            return true;
        }
        Set<String> held = switch (caller) {
            case READER, READER_KEY_IN_QUERY -> Set.of("reader");
            case RECORDER -> Set.of("recorder");
            case FACILITATOR -> Set.of("facilitator", "reader");
            case ADMIN -> Set.of("reader", "recorder", "facilitator", "admin");
            case ANONYMOUS -> Set.of();
        };
        return List.of(row.who().split(",\\s*")).stream().anyMatch(held::contains);
    }

    // ---- the routes the application maps ----------------------------------------------------------------------

    Set<Mapped> mappedRoutes() {
        Set<Mapped> routes = new LinkedHashSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<HttpMethod> methods = new LinkedHashSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.asHttpMethod()));
                if (methods.isEmpty()) {
                    methods.addAll(List.of(HttpMethod.GET, HttpMethod.POST));
                }
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    methods.forEach(m -> routes.add(new Mapped(m, pattern.getPatternString(),
                                                               mapping.getClass().getSimpleName())));
                }
            }
        }
        for (AbstractUrlHandlerMapping mapping : context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            mapping.getHandlerMap().keySet().forEach(pattern -> routes.add(
                    new Mapped(HttpMethod.GET, pattern.getPatternString(), mapping.getClass().getSimpleName())));
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            if (mapping.getRouterFunction() != null) {
                mapping.getRouterFunction().accept(new RouteCollector(routes));
            }
        }
        // Handled by the security filters rather than a handler mapping.
        routes.add(new Mapped(HttpMethod.POST, "/login", "form login filter"));
        routes.add(new Mapped(HttpMethod.POST, "/logout", "logout filter"));
        return routes;
    }

    static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "probe").replaceAll("\\{[^}]+}", "probe")
                      .replace("**", "probe").replace("*", "probe");
    }

    /** Collects the method and path of every route of a router function. */
    private static final class RouteCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        private final Set<Mapped> routes;
        private final Deque<String> prefixes = new ArrayDeque<>();
        private Set<HttpMethod> methods;
        private String path = "";

        RouteCollector(Set<Mapped> routes) {
            this.routes = routes;
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            path = "";
            predicate.accept(this);
            prefixes.push(path);
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            prefixes.pop();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            methods = null;
            path = "";
            predicate.accept(this);
            List<String> outerFirst = new ArrayList<>(prefixes);
            java.util.Collections.reverse(outerFirst);
            String full = String.join("", outerFirst) + path;
            Set<HttpMethod> each = methods == null ? Set.of(HttpMethod.GET) : methods;
            each.forEach(m -> routes.add(new Mapped(m, full.isEmpty() ? "/" : full, "router function")));
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }

        @Override
        public void method(Set<HttpMethod> requested) {
            methods = requested;
        }

        @Override
        public void path(String pattern) {
            path = path + pattern;
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }

    // ---- what an answer means -----------------------------------------------------------------------------------

    static String rule(EntityExchangeResult<byte[]> result) {
        MediaType type = result.getResponseHeaders().getContentType();
        if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                || result.getResponseBody() == null) {
            return "";
        }
        Object rule = JSON.readValue(result.getResponseBody(), Map.class).get("rule");
        return rule == null ? "" : rule.toString();
    }

    /** Refused by authentication or the route table, as opposed to a domain rule or a missing object. */
    static boolean refusedByAccessRules(EntityExchangeResult<byte[]> result) {
        int status = result.getStatus().value();
        return status == 401 || status == 403 && Set.of("role-required", "route-unknown", "csrf-token-required")
                                                       .contains(rule(result));
    }

    static boolean refusalShapeFits(Caller caller, HttpMethod method, EntityExchangeResult<byte[]> result) {
        MediaType type = result.getResponseHeaders().getContentType();
        boolean problem = type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                          && !rule(result).isEmpty();
        int expected = caller == Caller.ANONYMOUS
                       || caller == Caller.READER_KEY_IN_QUERY && !method.equals(HttpMethod.GET) ? 401 : 403;
        return problem && result.getStatus().value() == expected;
    }
}

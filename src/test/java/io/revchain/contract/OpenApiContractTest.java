package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.revchain.analytics.flow.FlowParameters;
import io.revchain.analytics.flow.MapRead;
import io.revchain.system.web.QueryParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document is valid OpenAPI 3.1 (checked against the official JSON schema in
 * src/test/resources/openapi-3.1) and complete: every route the application maps is in it with its path variables
 * and every query parameter the code accepts (FlowParameters' names for map reads, each handler's declared
 * {@code @Parameter(in = QUERY)}), with its type, a description and an example; reads declare the media types
 * ReadContractTest proves they answer; every operation declares its refusals as problem+json; request bodies are the
 * records the endpoints read. A new endpoint that is not documented this way fails here, saying what to add.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class OpenApiContractTest {

    /** The official schemas, as published at https://spec.openapis.org/oas/3.1/ (see the folder's README). */
    private static final String SPEC = "https://spec.openapis.org/oas/3.1/";
    private static final Map<String, String> SCHEMAS = Map.of(
            SPEC + "schema/2025-09-15", "schema-2025-09-15.json",
            SPEC + "schema-base/2025-09-15", "schema-base-2025-09-15.json",
            SPEC + "dialect/2024-11-10", "dialect-2024-11-10.json",
            SPEC + "meta/2024-11-10", "meta-2024-11-10.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    WebTestClient http;
    @Autowired
    List<RequestMappingHandlerMapping> handlerMappings;
    @Autowired
    BuildProperties build;

    private static JsonNode document;

    /** A route of revchain's own and the method that answers it. */
    record Route(String method, String path, HandlerMethod handler) {

        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    @BeforeEach
    void document() throws IOException {
        if (document == null) {
            // The first request builds the whole document, which takes a while on a busy machine.
            byte[] body = http.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                              .get().uri("/v3/api-docs").exchange()
                              .expectStatus().isOk()
                              .expectBody().returnResult().getResponseBody();
            document = JSON.readTree(body);
            // Left in target/ for a client generator run from the build, without starting the service.
            Files.write(Path.of("target", "openapi.json"), body);
        }
    }

    @Test
    void servedDocumentIsValidOpenApi31_againstTheOfficialSchema() {
        assertThat(document.path("openapi").asString()).startsWith("3.1.");
        List<Error> errors = officialSchema().validate(document);
        assertThat(errors).as("OpenAPI 3.1 schema violations").isEmpty();

        List<String> broken = new ArrayList<>();
        references(document, "", broken);
        assertThat(broken).as("$refs that point nowhere").isEmpty();
    }

    @Test
    void theOfficialSchemaRefusesABrokenDocument() {
        // The validator really checks: a parameter in the body (OpenAPI 2) and an operation without responses.
        ObjectNode broken = (ObjectNode) document.deepCopy();
        ObjectNode stages = (ObjectNode) broken.path("paths").path("/api/maps/{mapId}/stages").path("get");
        ((ObjectNode) stages.path("parameters").get(0)).put("in", "body");
        stages.remove("responses");
        assertThat(officialSchema().validate(broken)).extracting(Error::getInstanceLocation)
                                                     .extracting(Object::toString)
                                                     .anyMatch(at -> at.contains("~1api~1maps~1{mapId}~1stages"));
    }

    @Test
    void titleVersionDescriptionAndSecuritySchemes() {
        JsonNode info = document.path("info");
        assertThat(info.path("title").asString()).isEqualTo("revchain API");
        assertThat(info.path("version").asString()).as("the build's version").isEqualTo(build.getVersion());
        assertThat(info.path("description").asString()).contains("problem+json", "format=csv", "Bearer");

        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("api_key").path("in").asString()).isEqualTo("query");
        assertThat(schemes.path("api_key").path("name").asString()).isEqualTo("api_key");
        assertThat(schemes.path("session").path("in").asString()).isEqualTo("cookie");
        assertThat(schemes.path("session").path("name").asString()).isEqualTo("SESSION");

        Set<String> tags = new HashSet<>();
        document.path("tags").forEach(tag -> {
            assertThat(tag.path("description").asString()).as("tag %s is described", tag.path("name")).isNotBlank();
            tags.add(tag.path("name").asString());
        });
        Set<String> operationIds = new HashSet<>();
        List<String> undescribed = new ArrayList<>();
        operations().forEach((name, operation) -> {
            if (operation.path("summary").asString("").isBlank() || operation.path("description").asString("")
                    .isBlank() || operation.path("tags").isEmpty()) {
                undescribed.add(name + ": add @Operation(summary, description) and @Tag on its class");
            }
            if (operation.path("operationId").asString().matches(".*_\\d+$")) {
                undescribed.add(name + ": springdoc made its operationId unique with a number; name the operation "
                        + "with @Operation(operationId = ...), the method name a generated client uses");
            }
            operation.path("tags").forEach(tag -> assertThat(tags).as(name).contains(tag.asString()));
            assertThat(operationIds.add(operation.path("operationId").asString())).as("unique operationId of %s",
                                                                                     name).isTrue();
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyMappedRouteIsDocumentedWithItsPathVariablesAndEveryQueryParameterItAccepts() {
        List<Route> routes = routes();
        assertThat(routes).extracting(Route::name)
                          .as("the enumeration finds the endpoints")
                          .contains("GET /api/maps/{mapId}/stages", "POST /api/steps", "POST /api/imports",
                                    "GET /login", "GET /api/admin/parked-events");
        List<String> missing = new ArrayList<>();
        Set<String> documented = new TreeSet<>(operations().keySet());
        for (Route route : routes) {
            JsonNode operation = document.path("paths").path(route.path()).path(route.method());
            documented.remove(route.name());
            if (operation.isMissingNode()) {
                missing.add(route.name() + " is not in the document: is its controller hidden, or outside the "
                        + "packages springdoc scans?");
                continue;
            }
            Map<String, JsonNode> parameters = new LinkedHashMap<>();
            operation.path("parameters").forEach(p -> parameters.put(p.path("in").asString() + ":"
                                                                     + p.path("name").asString(), p));
            Matcher variables = PATH_VARIABLE.matcher(route.path());
            while (variables.find()) {
                JsonNode parameter = parameters.get("path:" + variables.group(1));
                if (parameter == null || !parameter.path("required").asBoolean()) {
                    missing.add(route.name() + ": path variable {" + variables.group(1) + "} is not declared as a "
                            + "required path parameter");
                }
            }
            Method method = route.handler().getMethod();
            Set<String> accepted = accepted(method);
            boolean readsQuery = Arrays.stream(method.getParameterTypes()).anyMatch(ServerWebExchange.class::equals);
            if (route.method().equals("get") && readsQuery && accepted.isEmpty()) {
                missing.add(route.name() + " reads its query from the exchange but declares no parameter: mark a map "
                        + "read @MapRead and parse with FlowParameters.parse(exchange, now); declare any other "
                        + "parameter with @Parameter(in = QUERY) and refuse the rest with QueryParameters");
            }
            for (String name : accepted) {
                if (!parameters.containsKey("query:" + name)) {
                    missing.add(route.name() + " accepts ?" + name + " but does not document it: declare it with "
                            + "@Parameter(in = QUERY, name = \"" + name + "\", description, example, schema) on "
                            + "the handler, or describe it in FlowParameterDocs if FlowParameters.COMMON has it");
                }
            }
            parameters.forEach((key, parameter) -> {
                String name = parameter.path("name").asString();
                if (key.startsWith("query:") && !accepted.contains(name) && !name.equals("filter.<attribute>")) {
                    missing.add(route.name() + " documents ?" + name + " but refuses it: remove the documentation "
                            + "or accept the parameter");
                }
                describedParameter(route.name(), parameter, missing);
            });
            if (AnnotatedElementUtils.hasAnnotation(method, MapRead.class)) {
                JsonNode filters = parameters.get("query:filter.<attribute>");
                if (filters == null || !filters.path("schema").path("propertyNames").path("pattern").asString()
                        .startsWith("^filter\\.") || !filters.path("explode").asBoolean()) {
                    missing.add(route.name() + " is a @MapRead but does not document filter.<attribute> as an "
                            + "exploded object of filter.-prefixed names");
                }
            }
        }
        assertThat(missing).as("routes the document does not describe as the code accepts them").isEmpty();
        assertThat(documented).as("operations in the document that the application does not map").isEmpty();
    }

    @Test
    void readsDeclareEveryMediaTypeTheyAnswer_andTheirParts() {
        List<String> wrong = new ArrayList<>();
        for (ReadContractTest.Read read : ReadContractTest.READS) {
            JsonNode ok = document.path("paths").path(read.route()).path("get").path("responses").path("200");
            Set<String> types = new TreeSet<>();
            ok.path("content").propertyNames().forEach(types::add);
            Set<String> expected = new TreeSet<>();
            for (ReadContractTest.Format format : read.formats()) {
                expected.add(switch (format) {
                    case JSON -> "application/json";
                    case CSV -> "text/csv";
                    case EVENT_STREAM -> "text/event-stream";
                    case HTML -> "text/html";
                    case XES -> "application/xml";
                });
            }
            if (!types.equals(expected)) {
                wrong.add("GET " + read.route() + " answers " + expected + " (ReadContractTest) but documents "
                        + types + ": describe its answer with @ReadAnswers or @ApiResponse");
            }
            if (read.formats().contains(ReadContractTest.Format.CSV)) {
                JsonNode format = parameter(read.route(), "format");
                if (!values(format.path("schema").path("enum")).equals(Set.of("json", "csv"))) {
                    wrong.add("GET " + read.route() + " answers CSV but its format parameter does not offer csv");
                }
            }
            Set<String> parts = values(parameter(read.route(), "part").path("schema").path("enum"));
            if (!parts.equals(new TreeSet<>(read.parts()))) {
                wrong.add("GET " + read.route() + " has the parts " + read.parts() + " (ReadContractTest) but "
                        + "documents " + parts);
            }
        }
        assertThat(wrong).isEmpty();

        operations().forEach((name, operation) -> operation.path("responses").properties().forEach(response -> {
            if (!response.getKey().startsWith("2")) {
                return;
            }
            response.getValue().path("content").properties().forEach(content -> {
                JsonNode schema = content.getValue().path("schema");
                assertThat(content.getKey()).as("%s answers a named media type", name).isNotEqualTo("*/*");
                if (content.getKey().equals("application/json")) {
                    assertThat(schema.has("$ref") || schema.has("oneOf") || schema.path("items").has("$ref")
                                       || schema.path("items").has("type"))
                            .as("%s answers a schema, not a bare object: %s", name, schema).isTrue();
                }
            });
        }));
    }

    @Test
    void everyOperationDeclaresItsRefusalsAsProblemJson() {
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("required")).extracting(JsonNode::asString)
                                            .contains("type", "title", "status", "detail");
        String error = problem.path("properties").path("errors").path("items").path("$ref").asString();
        assertThat(document.at(error.substring(1)).path("properties").propertyNames())
                .containsExactlyInAnyOrder("index", "field", "reason");
        assertThat(problem.path("properties").has("rule")).isTrue();
        JsonNode responses = document.path("components").path("responses");
        List<String> wrong = new ArrayList<>();
        operations().forEach((name, operation) -> {
            JsonNode declared = operation.path("responses");
            Set<String> required = new TreeSet<>(List.of("400", "429"));
            List<String> roles = new ArrayList<>();
            operation.path("x-revchain-roles").forEach(role -> roles.add(role.asString()));
            if (roles.isEmpty()) {
                wrong.add(name + " does not say who may call it (x-revchain-roles): is it in identity/Routes.TABLE?");
            } else if (!roles.equals(List.of("anyone"))) {
                required.add("401");
            }
            if (name.contains("{")) {
                required.add("404");
            }
            if (!name.startsWith("GET ")) {
                required.add("409");
            }
            if (operation.has("requestBody")) {
                required.add("413");
            }
            for (String status : required) {
                if (!declared.has(status)) {
                    wrong.add(name + " does not declare " + status);
                }
            }
            declared.properties().forEach(response -> {
                if (response.getKey().compareTo("400") < 0) {
                    return;
                }
                String ref = response.getValue().path("$ref").asString("");
                JsonNode described = responses.path(ref.substring(ref.lastIndexOf('/') + 1));
                String schema = described.path("content").path("application/problem+json").path("schema")
                                         .path("$ref").asString("");
                if (!schema.equals("#/components/schemas/Problem")) {
                    wrong.add(name + " answers " + response.getKey() + " without the problem+json schema");
                }
            });
        });
        assertThat(wrong).isEmpty();
        assertThat(operation("get", "/api/maps/{mapId}/stages").path("responses").has("503"))
                .as("a read on the read pool can be busy").isTrue();
        assertThat(operation("post", "/api/steps").path("responses").propertyNames())
                .contains("400", "401", "403", "409", "413", "429", "503");
        assertThat(operation("get", "/login").path("security").get(0).isEmpty()).as("the sign-in page is open")
                                                                                 .isTrue();
        assertThat(responses.path("ServiceUnavailable").path("headers").has("Retry-After")).isTrue();
    }

    @Test
    void securityOfEachOperationFollowsTheRouteTable() {
        operations().forEach((name, operation) -> {
            List<String> roles = new ArrayList<>();
            operation.path("x-revchain-roles").forEach(role -> roles.add(role.asString()));
            Set<String> schemes = new TreeSet<>();
            operation.path("security").forEach(requirement -> requirement.propertyNames().forEach(schemes::add));
            if (roles.equals(List.of("anyone"))) {
                assertThat(schemes).as(name).isEmpty();
                return;
            }
            assertThat(schemes).as(name).contains("basic", "bearer", "session");
            boolean readerMayCall = roles.contains("reader") || roles.contains("signed in");
            assertThat(schemes.contains("api_key")).as("%s takes a reader key in the query", name)
                                                    .isEqualTo(name.startsWith("GET ") && readerMayCall);
            assertThat(operation.path("description").asString()).as(name).contains("**Who may call:**");
        });
        assertThat(values(operation("put", "/api/maps/{mapId}").path("x-revchain-roles")))
                .containsExactly("facilitator");
        assertThat(values(operation("get", "/api/admin/keys").path("x-revchain-roles"))).containsExactly("admin");
    }

    @Test
    void requestBodiesAreTheRecordsTheEndpointsRead_andStatusesAreTheOnesAnswered() {
        JsonNode steps = operation("post", "/api/steps").path("requestBody").path("content")
                                                         .path("application/json").path("schema");
        assertThat(steps.path("type").asString()).isEqualTo("array");
        assertThat(steps.path("items").path("$ref").asString()).isEqualTo("#/components/schemas/StepRequest");
        assertThat(schema("StepRequest").path("properties").propertyNames())
                .contains("stepId", "type", "occurredAt", "journeyId", "segmentId", "campaignId", "attributes");

        JsonNode upload = operation("post", "/api/imports");
        JsonNode multipart = upload.path("requestBody").path("content").path("multipart/form-data").path("schema");
        assertThat(multipart.path("properties").propertyNames()).containsExactlyInAnyOrder("mapping", "file");
        assertThat(multipart.path("patternProperties").propertyNames()).containsExactly("^lookup\\..+$");
        assertThat(values(multipart.path("required"))).containsExactlyInAnyOrder("mapping", "file");
        assertThat(upload.path("responses").has("202")).as("the upload answers 202").isTrue();
        assertThat(upload.path("responses").has("200")).as("and never 200").isFalse();
        assertThat(successes("post", "/api/imports/{id}/cancel")).containsExactly("202");
        assertThat(successes("post", "/api/admin/rebuild")).containsExactly("202");
        assertThat(successes("post", "/api/admin/users")).containsExactly("201");
        assertThat(successes("post", "/api/admin/keys")).containsExactly("201");

        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            JsonNode operation = document.path("paths").path(route.path()).path(route.method());
            operation.path("parameters").forEach(p -> {
                if (p.path("name").asString().equalsIgnoreCase("actor")) {
                    wrong.add(route.name() + " documents the caller (Actor) as a parameter; it is resolved");
                }
            });
            if (operation.path("requestBody").toString().contains("/Actor\"")) {
                wrong.add(route.name() + " documents the caller (Actor) as its body; it is resolved");
            }
            for (MethodParameter parameter : route.handler().getMethodParameters()) {
                Class<?> type = parameter.getParameterType();
                if (!parameter.hasParameterAnnotation(RequestBody.class) || !type.isRecord()) {
                    continue;
                }
                String ref = document.path("paths").path(route.path()).path(route.method()).path("requestBody")
                                     .path("content").path("application/json").path("schema").path("$ref")
                                     .asString("");
                if (!ref.equals("#/components/schemas/" + type.getSimpleName())) {
                    wrong.add(route.name() + " reads a " + type.getSimpleName() + " but documents " + ref);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(document.path("components").path("schemas").propertyNames())
                .as("types of the server's plumbing are not the API")
                .doesNotContain("JsonNode", "PartEvent", "Caller", "ServerSentEventFrameView", "Flux", "Mono",
                                "ServerWebExchange", "ServerHttpRequest");
    }

    // ---- what the code accepts --------------------------------------------------------------------------------

    /** The query parameters the handler accepts, from the same declarations the endpoints parse with. */
    private static Set<String> accepted(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, MapRead.class) ? FlowParameters.accepted(method)
                : QueryParameters.declared(method);
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : handlerMappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (!handler.getBeanType().getPackageName().startsWith("io.revchain")) {
                    continue;
                }
                for (var requestMethod : entry.getKey().getMethodsCondition().getMethods()) {
                    for (PathPattern pattern : entry.getKey().getPatternsCondition().getPatterns()) {
                        routes.add(new Route(requestMethod.name().toLowerCase(), pattern.getPatternString(),
                                             handler));
                    }
                }
            }
        }
        return routes;
    }

    // ---- the document -----------------------------------------------------------------------------------------

    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    private static JsonNode operation(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
        return operation;
    }

    private static JsonNode parameter(String path, String name) {
        for (JsonNode parameter : document.path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("name").asString().equals(name)) {
                return parameter;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode schema(String name) {
        return document.path("components").path("schemas").path(name);
    }

    private static Set<String> successes(String method, String path) {
        Set<String> statuses = new TreeSet<>();
        operation(method, path).path("responses").propertyNames().forEach(status -> {
            if (status.startsWith("2")) {
                statuses.add(status);
            }
        });
        return statuses;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** A parameter a client generator and a person can use: typed, described, with an example. */
    private static void describedParameter(String route, JsonNode parameter, List<String> missing) {
        String name = parameter.path("in").asString() + " parameter " + parameter.path("name").asString();
        JsonNode schema = parameter.path("schema");
        boolean typed = schema.has("type") || schema.has("anyOf") || schema.has("oneOf") || schema.has("$ref");
        if (!typed) {
            missing.add(route + ": " + name + " has no type");
        }
        if (parameter.path("description").asString("").isBlank()) {
            missing.add(route + ": " + name + " has no description (@Parameter(description), or @PathVariables on "
                    + "the endpoint class for a path variable)");
        }
        if (!parameter.has("example") && !parameter.has("examples") && !schema.has("example")) {
            missing.add(route + ": " + name + " has no example");
        }
    }

    private static final String OCEL_SCHEMA = "https://www.ocel-standard.org/2.0/ocel20-schema-json.json";

    private static void references(JsonNode node, String at, List<String> broken) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isString()) {
                    String ref = field.getValue().asString();
                    // The one outside reference allowed is a standard's published schema (OCEL 2.0).
                    boolean published = ref.equals(OCEL_SCHEMA);
                    if (!published && (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode())) {
                        broken.add(at + ": " + ref);
                    }
                } else {
                    references(field.getValue(), at + "/" + field.getKey(), broken);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(node.get(i), at + "/" + i, broken);
            }
        }
    }

    private static Schema officialSchema() {
        Map<String, String> contents = new LinkedHashMap<>();
        SCHEMAS.forEach((id, file) -> contents.put(id, resource("openapi-3.1/" + file)));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                                                                    builder -> builder.schemas(contents));
        return registry.getSchema(SchemaLocation.of(SPEC + "schema-base/2025-09-15"));
    }

    private static String resource(String path) {
        try (InputStream in = OpenApiContractTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

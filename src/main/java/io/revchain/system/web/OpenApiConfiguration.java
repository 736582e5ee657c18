package io.revchain.system.web;

import io.revchain.chain.Actor;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc): title, version from the build, the description in
 * {@code openapi/description.md}, the problem+json refusals every operation can answer, the answers of reads that
 * pick JSON or CSV at run time ({@link ReadAnswers}), and the descriptions of path variables ({@link PathVariables}).
 * Security schemes and who may call what come from the identity module; map-read parameters from analytics.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Resolved from the caller (identity's argument resolver): never a request parameter or body.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String CSV = "text/csv";
    static final String FIELD_ERROR = FieldError.class.getSimpleName();

    @Bean
    OpenAPI revchainOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion()
                : OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI(SpecVersion.V31)
                .info(new Info().title("revchain API")
                                .version(version == null ? "development" : version)
                                .summary("The sales–marketing supply chain as events: record steps, import history, "
                                                 + "read the end-to-end map and its bottlenecks as JSON or CSV.")
                                .description(resource("openapi/description.md")))
                .components(new Components());
    }

    @Bean
    GlobalOperationComponentsCustomizer readAnswersAndRefusals() {
        return new GlobalOperationComponentsCustomizer() {
            @Override
            public Operation customize(Operation operation, Components components, HandlerMethod handler) {
                return OpenApiConfiguration.operation(operation, components, handler);
            }

            @Override
            public Operation customize(Operation operation, HandlerMethod handler) {
                // springdoc calls the variant with components for this type
                return operation;
            }
        };
    }

    @Bean
    GlobalOpenApiCustomizer problemComponents() {
        return OpenApiConfiguration::problems;
    }

    // ---- each operation --------------------------------------------------------------------------------------

    static Operation operation(Operation operation, Components components, HandlerMethod handler) {
        Method method = handler.getMethod();
        describePathVariables(operation, handler.getBeanType());
        ReadAnswers answers = AnnotatedElementUtils.findMergedAnnotation(method, ReadAnswers.class);
        if (answers != null) {
            answer(operation, components, answers);
        }
        refusals(operation, method);
        return operation;
    }

    private static void describePathVariables(Operation operation, Class<?> endpoint) {
        PathVariables docs = AnnotatedElementUtils.findMergedAnnotation(endpoint, PathVariables.class);
        if (docs == null || operation.getParameters() == null) {
            return;
        }
        Map<String, Parameter> byName = Arrays.stream(docs.value())
                                              .collect(Collectors.toMap(Parameter::name, p -> p));
        for (var parameter : operation.getParameters()) {
            Parameter doc = byName.get(parameter.getName());
            if (!"path".equals(parameter.getIn()) || doc == null) {
                continue;
            }
            if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
                parameter.setDescription(doc.description());
            }
            if (parameter.getExample() == null && !doc.example().isEmpty()) {
                parameter.setExample(doc.example());
            }
            if (!doc.schema().pattern().isEmpty()) {
                // A schema of its own: springdoc shares one instance between parameters of the same type.
                Schema<Object> schema = OpenApiModels.schema("string");
                schema.setPattern(doc.schema().pattern());
                parameter.setSchema(schema);
            }
        }
    }

    /** 200: the JSON documents or rows, and CSV of the rows with the {@code format} parameter. */
    private static void answer(Operation operation, Components components, ReadAnswers answers) {
        List<Schema> json = new ArrayList<>();
        for (Class<?> document : answers.documents()) {
            json.add(schemaOf(components, document));
        }
        for (Class<?> row : answers.rows()) {
            json.add(schemaOf(components, ResolvableType.forClassWithGenerics(List.class, row).getType()));
        }
        if (json.isEmpty()) {
            throw new IllegalStateException("@ReadAnswers of " + operation.getOperationId() + " names no answer");
        }
        Schema<Object> jsonSchema;
        if (json.size() == 1) {
            jsonSchema = json.get(0);
        } else {
            jsonSchema = new Schema<>(SpecVersion.V31);
            jsonSchema.setOneOf(json);
        }
        Content content = new Content().addMediaType(JSON, new MediaType().schema(jsonSchema));
        if (answers.rows().length > 0) {
            content.addMediaType(CSV, new MediaType().schema(csv(answers.rows()))
                                                     .example(header(answers.rows()[0])));
            if (operation.getParameters() == null || operation.getParameters().stream()
                    .noneMatch(p -> QueryParameters.FORMAT.equals(p.getName()))) {
                operation.addParametersItem(OpenApiModels.format(true));
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse previous = responses.get("200");
        String description = previous != null && previous.getDescription() != null
                && !previous.getDescription().equals("OK") ? previous.getDescription()
                : answers.rows().length > 0 ? "The rows as JSON, or as CSV with format=csv or Accept: text/csv"
                : "The document";
        responses.addApiResponse("200", new ApiResponse().description(description).content(content));
        operation.setResponses(responses);
    }

    private static Schema schemaOf(Components components, Type type) {
        return SpringDocAnnotationsUtils.extractSchema(components, type, null, null, SpecVersion.V31);
    }

    private static Schema<Object> csv(Class<? extends Record>[] rows) {
        Schema<Object> schema = OpenApiModels.schema("string");
        String tables = Arrays.stream(rows).distinct()
                              .map(row -> row.getSimpleName() + ": " + String.join(", ", columns(row)))
                              .collect(Collectors.joining("; "));
        schema.setDescription("CSV (RFC 4180, UTF-8, CRLF, a header row). Columns " + (rows.length > 1
                ? "of each table: " : ": ") + tables + ". The group column is there only with groupBy.");
        return schema;
    }

    private static List<String> columns(Class<? extends Record> row) {
        return Arrays.stream(row.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static String header(Class<? extends Record> row) {
        return String.join(",", columns(row)) + "\r\n";
    }

    /**
     * The refusals an operation can answer: 400 always (a parameter, a body, or a URL the firewall refuses), 404 with
     * path variables, 409 and 413 for writes with a body, 503 for work on the bounded pools (every asynchronous
     * handler except pages). 401, 403 and 429 come from the identity module, which knows the route table.
     */
    private static void refusals(Operation operation, Method method) {
        OpenApiModels.refusal(operation, 400);
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
            OpenApiModels.refusal(operation, 404);
        }
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        Set<RequestMethod> methods = mapping == null ? Set.of() : Set.of(mapping.method());
        if (methods.stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD)) {
            OpenApiModels.refusal(operation, 409);
        }
        if (operation.getRequestBody() != null) {
            OpenApiModels.refusal(operation, 413);
        }
        boolean page = mapping != null && Arrays.stream(mapping.produces()).allMatch(p -> p.startsWith("text/html"))
                && mapping.produces().length > 0;
        if (Publisher.class.isAssignableFrom(method.getReturnType()) && !page) {
            OpenApiModels.refusal(operation, 503);
        }
    }

    // ---- components ------------------------------------------------------------------------------------------

    static void problems(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        // One name for an error entry, also where a view carries them (an import job's errors are FieldErrors too).
        if (components.getSchemas() == null || !components.getSchemas().containsKey(FIELD_ERROR)) {
            components.addSchemas(FIELD_ERROR, fieldError());
        }
        components.addSchemas(OpenApiModels.PROBLEM_SCHEMA, problemSchema());
        Map<Integer, String> descriptions = new LinkedHashMap<>();
        descriptions.put(400, "Refused as a whole; nothing of the request was stored. `errors` names each field, "
                + "query parameter or batch item (`index`, from 0) and the reason; a domain rule's id starts the "
                + "reason (e.g. `definition-agreed-by-other-function: ...`). Also a URL the firewall refuses "
                + "(`rule` request-url-safe).");
        descriptions.put(401, "No credentials, or credentials revchain does not accept; `rule` says which "
                + "(authentication-required, credentials-valid, sign-in-locked, api-key-revoked, api-key-expired, "
                + "api-key-query-read-only, authorization-scheme, credentials-format).");
        descriptions.put(403, "The caller may not do this; `rule` says why: role-required (the detail names the "
                + "role), route-unknown, csrf-token-required (a browser write without the X-XSRF-TOKEN header), or "
                + "for function-bound actions function-required, acts-as-own-function, acts-as-self, "
                + "action-item-own-function.");
        descriptions.put(404, "No such object (map, map version, session, action item, import job, parked event, "
                + "user, key) or no such path.");
        descriptions.put(409, "Another request changed the same object at the same time, and nothing of this one was "
                + "stored (send it again: writes are idempotent); or the object's state forbids it now (a rebuild "
                + "already running, a username already used).");
        descriptions.put(413, "The body is larger than the server or this operation takes (a step batch: at most "
                + "32 MB); nothing was stored. Split it.");
        descriptions.put(429, "Over the rate limit of this principal (or address, when anonymous); nothing was done. "
                + "Retry-After says when to send it again.");
        descriptions.put(503, "Busy: this node's read or write pool is full and nothing was done, or the journey "
                + "facts are still loading after a start. Retry-After says when to send it again.");
        descriptions.forEach((status, description) -> {
            ApiResponse response = new ApiResponse().description(description).content(new Content().addMediaType(
                    PROBLEM_JSON, new MediaType().schema(OpenApiModels.ref(OpenApiModels.PROBLEM_SCHEMA))
                                                 .example(example(status))));
            if (status == 429 || status == 503) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before sending "
                        + "the request again").schema(OpenApiModels.schema("integer")));
            }
            if (status == 401) {
                response.addHeaderObject("WWW-Authenticate", new Header().description("Bearer realm=\"revchain\" "
                        + "(never a Basic challenge, so browsers show no password dialog)")
                                                                      .schema(OpenApiModels.schema("string")));
            }
            components.addResponses(OpenApiModels.REFUSALS.get(status), response);
        });
    }

    private static Schema<Object> fieldError() {
        Schema<Object> fieldError = OpenApiModels.schema("object");
        fieldError.setDescription("One reason the request was refused");
        fieldError.setRequired(List.of("field", "reason"));
        fieldError.addProperty("index", described(OpenApiModels.schema("integer"),
                                                  "The item's position in a batch, from 0; absent otherwise"));
        fieldError.addProperty("field", described(OpenApiModels.schema("string"),
                                                  "The field, query parameter or part, e.g. stages[0].slaHours"));
        fieldError.addProperty("reason", described(OpenApiModels.schema("string"),
                                                   "Why, and what to send instead; a domain rule's id first"));
        return fieldError;
    }

    private static Schema<Object> problemSchema() {
        Schema<Object> errors = OpenApiModels.schema("array");
        errors.setItems(OpenApiModels.ref(FIELD_ERROR));
        Schema<Object> problem = OpenApiModels.schema("object");
        problem.setDescription("RFC 9457 problem details, the answer to every refused request");
        problem.setRequired(List.of("type", "title", "status", "detail"));
        problem.addProperty("type", described(OpenApiModels.string("uri"),
                                              "https://revchain.io/problems/<status>"));
        problem.addProperty("title", described(OpenApiModels.schema("string"), "The status in words"));
        problem.addProperty("status", described(OpenApiModels.schema("integer"), "The HTTP status"));
        problem.addProperty("detail", described(OpenApiModels.schema("string"),
                                                "What was wrong, for a person; the first error when there are "
                                                        + "several"));
        problem.addProperty("instance", described(OpenApiModels.string("uri-reference"),
                                                  "The path of the request (never its query)"));
        problem.addProperty("errors", described(errors, "Every field that was wrong (400)"));
        problem.addProperty("rule", described(OpenApiModels.schema("string"),
                                              "The rule that refused the request (401, 403, 429), kebab-case"));
        return problem;
    }

    private static Schema<Object> described(Schema<Object> schema, String description) {
        schema.setDescription(description);
        return schema;
    }

    private static Map<String, Object> example(int status) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://revchain.io/problems/" + status);
        switch (status) {
            case 400 -> {
                example.put("title", "Invalid request");
                example.put("detail", "quarter: must be a calendar quarter such as 2025-Q3, was '2025-Q9'");
                example.put("errors", List.of(Map.of("field", "quarter",
                                                     "reason", "must be a calendar quarter such as 2025-Q3, was "
                                                             + "'2025-Q9'")));
            }
            case 401 -> {
                example.put("title", "Unauthorized");
                example.put("detail", "authentication-required: sign in, or send 'Authorization: Bearer <api key>' "
                        + "or HTTP Basic credentials");
                example.put("rule", "authentication-required");
            }
            case 403 -> {
                example.put("title", "Forbidden");
                example.put("detail", "role-required: PUT /api/maps/{mapId} needs the role facilitator; key:"
                        + "k7q2xw4mzp3a holds reader");
                example.put("rule", "role-required");
            }
            case 404 -> {
                example.put("title", "Not found");
                example.put("detail", "map-known: there is no map 'nope'");
            }
            case 409 -> {
                example.put("title", "Concurrent change");
                example.put("detail", "Another request changed the same object at the same time; nothing of this "
                        + "request was stored. Retry it.");
            }
            case 413 -> {
                example.put("title", "Content Too Large");
                example.put("detail", "The body is larger than 32 MB; split the batch");
            }
            case 429 -> {
                example.put("title", "Too many requests");
                example.put("detail", "rate-limit: more than 1200 requests a minute by user:ana; retry in 3 s");
                example.put("rule", "rate-limit");
            }
            default -> {
                example.put("title", "Busy");
                example.put("detail", "The service is busy: all 66 places for reads are taken. Nothing was done; "
                        + "send the request again after 1 s.");
            }
        }
        example.put("status", status);
        return example;
    }

    private static String resource(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI description " + path + " is missing", e);
        }
    }
}

package io.revchain.system.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small builders for the OpenAPI 3.1 document shared by the features' springdoc customizers: schemas typed the 3.1
 * way, and the problem+json refusals every operation declares (described once under {@code components/responses}).
 */
public final class OpenApiModels {

    /** The refusals, by status: the name of each under components/responses. */
    public static final Map<Integer, String> REFUSALS = Map.of(
            400, "BadRequest", 401, "Unauthorized", 403, "Forbidden", 404, "NotFound", 409, "Conflict",
            413, "ContentTooLarge", 429, "TooManyRequests", 503, "ServiceUnavailable");

    public static final String PROBLEM_SCHEMA = "Problem";

    private OpenApiModels() {
    }

    /** A schema of one JSON type ({@code string}, {@code integer}, {@code object}...). */
    public static Schema<Object> schema(String type) {
        Schema<Object> schema = new Schema<>(SpecVersion.V31);
        schema.addType(type);
        return schema;
    }

    public static Schema<Object> string(String format) {
        Schema<Object> schema = schema("string");
        schema.setFormat(format);
        return schema;
    }

    public static Schema<Object> ref(String componentSchema) {
        Schema<Object> schema = new Schema<>(SpecVersion.V31);
        schema.set$ref("#/components/schemas/" + componentSchema);
        return schema;
    }

    /** Declares that the operation can answer this refusal (problem+json), unless it already says so. */
    public static void refusal(Operation operation, int status) {
        String name = REFUSALS.get(status);
        if (name == null) {
            throw new IllegalArgumentException("no refusal described for " + status);
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().putIfAbsent(Integer.toString(status),
                                             new ApiResponse().$ref("#/components/responses/" + name));
    }

    /** The {@code format} query parameter of a read that answers JSON, and CSV where {@code csv}. */
    public static Parameter format(boolean csv) {
        Schema<Object> schema = schema("string");
        schema.setEnum(new ArrayList<>(csv ? List.of("json", "csv") : List.of("json")));
        schema.setDefault("json");
        return new Parameter()
                .in("query").name(QueryParameters.FORMAT).required(false).schema(schema)
                .example(csv ? "csv" : "json")
                .description(csv ? "json (default) or csv: CSV for BI tools that cannot send Accept: text/csv "
                        + "(Accept: text/csv works too)" : "json only (the default); this read has no CSV");
    }
}

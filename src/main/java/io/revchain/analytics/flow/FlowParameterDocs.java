package io.revchain.analytics.flow;

import io.revchain.analytics.Dimension;
import io.revchain.system.web.OpenApiModels;
import io.revchain.system.web.QueryParameters;
import io.revchain.system.web.ReadAnswers;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the query parameters every {@link MapRead} shares, from the names {@link FlowParameters} parses: each
 * name in {@link FlowParameters#accepted} that the handler does not document itself gets its type, format, allowed
 * values and an example here, and {@code filter.<attribute>} is documented as a free-form object of
 * {@code filter.}-prefixed names. A name added to {@link FlowParameters#COMMON} without a description here fails the
 * document (and OpenApiContractTest).
 */
@Component
class FlowParameterDocs implements GlobalOperationCustomizer {

    static final String FILTERS = "filter.<attribute>";
    private static final String INSTANT = "An ISO-8601 date (its start in UTC) or date-time with offset.";
    private static final String WINDOW = "a calendar quarter in UTC (2025-Q3) or an interval from/to of dates or "
            + "date-times (2025-07-01/2025-10-01)";

    private final Map<String, Parameter> shared = shared();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Method method = handler.getMethod();
        MapRead read = AnnotatedElementUtils.findMergedAnnotation(method, MapRead.class);
        if (read == null) {
            return operation;
        }
        Set<String> present = operation.getParameters() == null ? Set.of()
                : operation.getParameters().stream().map(Parameter::getName).collect(Collectors.toSet());
        for (String name : FlowParameters.accepted(method)) {
            if (present.contains(name)) {
                continue;
            }
            if (name.equals(QueryParameters.FORMAT)) {
                ReadAnswers answers = AnnotatedElementUtils.findMergedAnnotation(method, ReadAnswers.class);
                operation.addParametersItem(OpenApiModels.format(answers != null && answers.rows().length > 0));
            } else if (FlowParameters.COMPARED.contains(name)) {
                operation.addParametersItem(compared(name, read.compare() == MapRead.Comparison.REQUIRED));
            } else if (shared.containsKey(name)) {
                operation.addParametersItem(copy(shared.get(name)));
            } else {
                throw new IllegalStateException("The query parameter '" + name + "' of " + method + " is not "
                        + "documented: describe it with @Parameter(in = QUERY) on the method, or in FlowParameterDocs "
                        + "if FlowParameters.COMMON has it");
            }
        }
        operation.addParametersItem(filters());
        return operation;
    }

    private static Map<String, Parameter> shared() {
        Map<String, Parameter> docs = new LinkedHashMap<>();
        docs.put("from", query("from", instant(), "2025-07-01", "Start of the window [from, to) in business time. "
                + INSTANT + " Give from/to or quarter, not both; none: all of history."));
        docs.put("to", query("to", instant(), "2025-10-01", "End of the window [from, to), exclusive. " + INSTANT));
        docs.put("quarter", query("quarter", pattern("^\\d{4}-?[Qq][1-4]$"), "2025-Q3",
                                  "A calendar quarter in UTC instead of from/to."));
        docs.put("asOf", query("asOf", instant(), "2025-08-15T00:00:00Z", "Business-time cut: only steps that had "
                + "happened by then exist, and open dwells and WIP are measured there. " + INSTANT
                + " Default: now."));
        docs.put("knownAt", query("knownAt", instant(), "2025-10-02T08:00:00Z", "Record-time cut: only what "
                + "revchain had recorded by then, to reproduce a report exactly as it was printed. " + INSTANT));
        docs.put("groupBy", query("groupBy", OpenApiModels.schema("string"), "owner", "Adds a group column and "
                + "answers one row per group: a built-in dimension ("
                + Dimension.BUILT_IN.stream().map(Dimension::name).collect(Collectors.joining(", "))
                + ") or any attribute a step carries (product, account, region...). Journeys without a value fall "
                + "in (none). An attribute no step carries is refused, with the nearest spelling."));
        for (Dimension dimension : List.of(Dimension.CHANNEL, Dimension.SEGMENT, Dimension.CAMPAIGN)) {
            String name = dimension.name();
            docs.put(name, query(name, OpenApiModels.schema("string"), switch (name) {
                case "channel" -> "web";
                case "segment" -> "smb-eu";
                default -> "spring-webinar";
            }, "Keeps the journeys whose " + name + " is this value ((none): those without); the same as "
                    + FlowParameters.FILTER_PREFIX + name + "="));
        }
        Schema<Object> definitions = OpenApiModels.schema("string");
        definitions.setEnum(List.of("current", "inForce"));
        definitions.setDefault("current");
        docs.put("definitions", query("definitions", definitions, "inForce", "Which map version to read history "
                + "under: current (today's stages for all of history) or inForce (the version recorded last before "
                + "the window's end, or knownAt if earlier)."));
        for (String name : FlowParameters.COMMON) {
            if (!docs.containsKey(name) && !name.equals(QueryParameters.FORMAT)) {
                throw new IllegalStateException("FlowParameters.COMMON has '" + name + "' but FlowParameterDocs does "
                        + "not describe it");
            }
        }
        return docs;
    }

    private static Parameter compared(String name, boolean required) {
        return query(name, pattern("^(\\d{4}-?[Qq][1-4]|[^/]+/[^/]+)$"), name.equals("a") ? "2025-Q2" : "2025-Q3",
                     (name.equals("a") ? "The first" : "The second") + " window of a comparison: " + WINDOW + "."
                             + (required ? "" : " Give a and b instead of from, to or quarter to compare two "
                             + "windows; the answer is then one table of figures side by side."))
                .required(required);
    }

    /** Any number of {@code filter.<attribute>=value}, as a form-exploded object whose keys are the names. */
    private static Parameter filters() {
        Schema<Object> names = OpenApiModels.schema("string");
        names.setPattern("^filter\\..+$");
        Schema<Object> filters = OpenApiModels.schema("object");
        filters.setPropertyNames(names);
        filters.setAdditionalProperties(OpenApiModels.schema("string"));
        return new Parameter().in("query").name(FILTERS).required(false).schema(filters)
                              .style(Parameter.StyleEnum.FORM).explode(true)
                              .example(Map.of("filter.product", "GTX Pro", "filter.region", "West"))
                              .description("filter.<attribute>=value keeps the journeys whose attribute has that "
                                      + "value ((none): those without); several filters keep the journeys that match "
                                      + "all of them. Any attribute a step carries; an attribute no step carries is "
                                      + "refused.");
    }

    private static Parameter query(String name, Schema<Object> schema, String example, String description) {
        return new Parameter().in("query").name(name).required(false).schema(schema).example(example)
                              .description(description);
    }

    private static Parameter copy(Parameter doc) {
        return query(doc.getName(), doc.getSchema(), (String) doc.getExample(), doc.getDescription());
    }

    private static Schema<Object> instant() {
        Schema<Object> schema = new Schema<>(SpecVersion.V31);
        schema.setAnyOf(List.of(OpenApiModels.string("date"), OpenApiModels.string("date-time")));
        return schema;
    }

    private static Schema<Object> pattern(String regex) {
        Schema<Object> schema = OpenApiModels.schema("string");
        schema.setPattern(regex);
        return schema;
    }
}

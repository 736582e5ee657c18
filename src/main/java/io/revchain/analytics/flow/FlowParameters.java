package io.revchain.analytics.flow;

import io.revchain.analytics.Cut;
import io.revchain.analytics.Dimension;
import io.revchain.analytics.GroupBy;
import io.revchain.analytics.JourneyFilter;
import io.revchain.analytics.Window;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import io.revchain.system.web.QueryParameters;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The query parameters every map read shares, parsed and checked: the window ({@code from}/{@code to} or
 * {@code quarter}), the cut ({@code asOf}, {@code knownAt}), filters ({@code channel}, {@code segment},
 * {@code campaign}, and {@code filter.<attribute>} for any attribute), {@code groupBy} and which map version
 * ({@code definitions=current|inForce}).
 */
public record FlowParameters(Window window, Cut cut, JourneyFilter filter, GroupBy groupBy,
                             Definitions definitions) {

    /** Which version of the map's definitions to read history under. */
    public enum Definitions {
        /** Today's stages and entry steps, applied to all of history. */
        CURRENT,
        /** The version recorded last before the window's end (or before asOf when the window is open). */
        IN_FORCE
    }

    public static final Set<String> COMMON = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "from", "to", "quarter", "asOf", "knownAt", "groupBy", "channel", "segment", "campaign", "definitions",
            "format")));
    /** The two windows a comparing read takes instead of one: each a quarter or an interval from/to. */
    public static final Set<String> COMPARED = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("a", "b")));
    /** {@code filter.product=GTX Pro}: keep the journeys whose product is GTX Pro; several filters intersect. */
    public static final String FILTER_PREFIX = "filter.";
    private static final List<String> LEGACY_FILTERS = List.of("channel", "segment", "campaign");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);

    /**
     * The query parameters a {@link MapRead} handler accepts: {@link #COMMON} ({@code format} only where it answers
     * JSON), {@code a} and {@code b} when it compares, and its own {@code @Parameter(in = QUERY)} declarations.
     */
    public static Set<String> accepted(Method handler) {
        MapRead read = AnnotatedElementUtils.findMergedAnnotation(handler, MapRead.class);
        if (read == null) {
            throw new IllegalStateException(handler + " reads FlowParameters but is not annotated @MapRead");
        }
        Set<String> accepted = new LinkedHashSet<>(COMMON);
        if (!answersJson(handler)) {
            accepted.remove(QueryParameters.FORMAT);
        }
        if (read.compare() != MapRead.Comparison.NONE) {
            accepted.addAll(COMPARED);
        }
        accepted.addAll(QueryParameters.declared(handler));
        List.of(read.without()).forEach(accepted::remove);
        return Collections.unmodifiableSet(accepted);
    }

    /** Whether the handler answers JSON: a stream of events does not, so it takes no {@code format}. */
    static boolean answersJson(Method handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler, RequestMapping.class);
        return mapping == null || mapping.produces().length == 0 || Arrays.stream(mapping.produces())
                .map(MediaType::parseMediaType).anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
    }

    /**
     * The parameters of this request, accepted as its {@link MapRead} handler declares ({@link #accepted}): what the
     * OpenAPI document lists. Endpoints use this one.
     */
    public static FlowParameters parse(ServerWebExchange exchange, Instant now) {
        return parseKnown(exchange.getRequest().getQueryParams(), now, accepted(QueryParameters.handler(exchange)));
    }

    /**
     * Parses and checks {@link #COMMON} and the {@code extra} names; any other (but filter.&lt;attribute&gt;) is
     * refused. An endpoint parses with {@link #parse(ServerWebExchange, Instant)}, so that its document lists them.
     */
    public static FlowParameters parse(MultiValueMap<String, String> params, Instant now, Set<String> extra) {
        Set<String> known = new LinkedHashSet<>(COMMON);
        known.addAll(extra);
        return parseKnown(params, now, known);
    }

    private static FlowParameters parseKnown(MultiValueMap<String, String> params, Instant now, Set<String> known) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeIf(name -> name.startsWith(FILTER_PREFIX));
        unknown.removeAll(known);
        unknown.forEach(name -> errors.add(FieldError.of(name, "unknown parameter; known: "
                + new TreeSet<>(known) + " and filter.<attribute>")));
        params.forEach((name, values) -> {
            if (values.size() > 1 && !unknown.contains(name)) {
                errors.add(FieldError.of(name, "given " + values.size() + " times; give it once"));
            }
        });

        Window window = Window.ALL;
        String quarter = params.getFirst("quarter");
        Instant from = instant(params, "from", errors);
        Instant to = instant(params, "to", errors);
        if (quarter != null) {
            if (from != null || to != null) {
                errors.add(FieldError.of("quarter", "give either quarter or from/to, not both"));
            }
            window = quarter(quarter, "quarter", errors);
        } else if (from != null && to != null && !from.isBefore(to)) {
            errors.add(FieldError.of("to", "must be after from (" + from + ")"));
        } else {
            window = new Window(from, to);
        }
        Instant asOf = instant(params, "asOf", errors);
        Instant knownAt = instant(params, "knownAt", errors);
        GroupBy groupBy = null;
        try {
            groupBy = GroupBy.fromParameter(params.getFirst("groupBy"));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("groupBy", e.getMessage()));
        }
        Definitions definitions = Definitions.CURRENT;
        String wanted = params.getFirst("definitions");
        if (wanted != null) {
            switch (wanted.toLowerCase(Locale.ROOT)) {
                case "current" -> definitions = Definitions.CURRENT;
                case "inforce", "in-force", "in_force" -> definitions = Definitions.IN_FORCE;
                default -> errors.add(FieldError.of("definitions", "must be current or inForce, was '" + wanted + "'"));
            }
        }
        JourneyFilter filter = filter(params, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new FlowParameters(window, new Cut(asOf == null ? now : asOf, knownAt), filter, groupBy, definitions);
    }

    /** {@code channel=}, {@code segment=}, {@code campaign=} and each {@code filter.<attribute>=}; blank: no filter. */
    private static JourneyFilter filter(MultiValueMap<String, String> params, List<FieldError> errors) {
        Map<Dimension, String> criteria = new LinkedHashMap<>();
        Map<Dimension, String> named = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(LEGACY_FILTERS);
        params.keySet().stream().filter(name -> name.startsWith(FILTER_PREFIX)).sorted().forEach(names::add);
        for (String name : names) {
            String value = blankToNull(params.getFirst(name));
            if (value == null) {
                continue;
            }
            String attribute = name.startsWith(FILTER_PREFIX) ? name.substring(FILTER_PREFIX.length()) : name;
            if (attribute.isBlank()) {
                errors.add(FieldError.of(name, "name the attribute to filter on, such as filter.product=GTX Pro"));
                continue;
            }
            Dimension dimension = Dimension.of(attribute);
            String earlier = named.putIfAbsent(dimension, name);
            if (earlier != null) {
                errors.add(FieldError.of(name, "filters " + dimension.name() + " again; " + earlier
                        + " already does"));
                continue;
            }
            criteria.put(dimension, value);
        }
        return new JourneyFilter(criteria);
    }

    /** The record time whose map version is "in force" for this read. */
    public Instant definitionsTime() {
        Instant end = window.to() == null || window.to().isAfter(cut.asOf()) ? cut.asOf() : window.to();
        return cut.knownAt() != null && cut.knownAt().isBefore(end) ? cut.knownAt() : end;
    }

    public FlowParameters withWindow(Window other) {
        return new FlowParameters(other, cut, filter, groupBy, definitions);
    }

    /** A quarter ("2025-Q3", calendar quarter in UTC) or an interval "from/to" of instants or dates. */
    public static Window window(String value, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(name, "required: a quarter such as 2025-Q3 or an interval from/to"));
            return Window.ALL;
        }
        if (value.contains("/")) {
            String[] bounds = value.split("/", 2);
            Instant from = parseInstant(bounds[0], name, errors);
            Instant to = parseInstant(bounds[1], name, errors);
            if (from != null && to != null && !from.isBefore(to)) {
                errors.add(FieldError.of(name, "interval end must be after its start"));
                return Window.ALL;
            }
            return new Window(from, to);
        }
        return quarter(value, name, errors);
    }

    private static Window quarter(String value, String name, List<FieldError> errors) {
        Matcher matcher = QUARTER.matcher(value.trim());
        if (!matcher.matches()) {
            errors.add(FieldError.of(name, "must be a calendar quarter such as 2025-Q3, was '" + value + "'"));
            return Window.ALL;
        }
        return Window.quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), ZoneOffset.UTC);
    }

    private static Instant instant(MultiValueMap<String, String> params, String name, List<FieldError> errors) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : parseInstant(value, name, errors);
    }

    /** ISO-8601 instant, offset date-time, or a date (its start in UTC). */
    public static Instant parseInstant(String value, String name, List<FieldError> errors) {
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(name, "must be an ISO-8601 date or date-time with offset, e.g. 2025-07-01 or "
                    + "2025-07-01T00:00:00Z; was '" + value + "'"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}

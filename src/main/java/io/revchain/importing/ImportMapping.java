package io.revchain.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.revchain.chain.AttributeNames;
import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a file becomes steps: which column (or XES attribute) holds the journey, and rules that each turn a row into
 * at most one step. Parsed from the JSON mapping document described in docs/import.md.
 */
public record ImportMapping(String mapId,
                            Format format,
                            char delimiter,
                            Charset encoding,
                            ZoneId timezone,
                            String journeyId,
                            boolean skipUnmapped,
                            Set<String> lifecycle,
                            List<Rule> rules,
                            Map<String, Lookup> lookups,
                            Discover discover) {

    public enum Format { CSV, XES }

    /**
     * {@code "discover"}: declare each activity as a step type and put it on the map {@code mapId} as a stage
     * (docs/import.md, Discovering the map). {@code name} names a new map (default: its id); {@code ownerFrom} is
     * the column whose values (functions) give each stage its owner (default: JOINT).
     */
    public record Discover(String name, String ownerFrom) {
    }

    /** One rule: a fixed type or a type read from a column, the time column, an optional condition, attributes. */
    public record Rule(int index,
                       String type,
                       String typeFrom,
                       Map<String, String> typeMap,
                       String at,
                       DateTimeFormatter atFormat,
                       When when,
                       Map<String, Attribute> attributes,
                       Map<String, Object> constants) {

        String path() {
            return index < 0 ? "typeMap" : "rules[" + index + "]";
        }
    }

    /** The rule applies only to rows whose {@code column} holds one of {@code values}. */
    public record When(String column, Set<String> values) {
    }

    /**
     * A step attribute read from a column, kept as text or parsed as a number; with {@code lookup}, the column is
     * one of that lookup file's, on the row the lookup joins to the current row.
     */
    public record Attribute(String column, boolean number, String lookup) {

        public Attribute(String column, boolean number) {
            this(column, number, null);
        }
    }

    /**
     * A second CSV joined to every row: the lookup row whose {@code key} column equals the row's {@code on} column
     * (a left join: a row without a match gets no attribute from it). Sent as the upload part
     * {@code lookup.<name>}.
     */
    public record Lookup(String name, String key, String on, char delimiter, Charset encoding) {
    }

    /** A column the mapping names, with the mapping field that names it. */
    record ColumnRef(String field, String column) {
    }

    static final String XES_TYPE = "concept:name";
    static final String XES_TIME = "time:timestamp";
    static final String XES_LIFECYCLE = "lifecycle:transition";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern MAP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LOOKUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> TOP_KEYS = Set.of("mapId", "format", "delimiter", "encoding", "timezone",
            "atFormat", "journeyId", "skipUnmapped", "lifecycle", "typeMap", "attributes", "constants", "rules",
            "lookups", "discover");
    private static final Set<String> LOOKUP_KEYS = Set.of("key", "on", "delimiter", "encoding");
    /** What a map accepts as a step type identifier (rule step-type-identifier of the map). */
    static final Pattern STEP_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");
    private static final Set<String> RULE_KEYS = Set.of("type", "typeFrom", "typeMap", "at", "atFormat", "when",
            "attributes", "constants");

    /** The columns the mapping reads, for checking them against a CSV header before any row is read. */
    List<ColumnRef> columns() {
        List<ColumnRef> refs = new ArrayList<>();
        refs.add(new ColumnRef("journeyId", journeyId));
        lookups.values().forEach(lookup -> refs.add(new ColumnRef("lookups." + lookup.name() + ".on", lookup.on())));
        for (Rule rule : rules) {
            if (rule.typeFrom() != null) {
                refs.add(new ColumnRef(rule.path() + ".typeFrom", rule.typeFrom()));
            }
            refs.add(new ColumnRef(rule.path() + ".at", rule.at()));
            if (rule.when() != null) {
                refs.add(new ColumnRef(rule.path() + ".when.column", rule.when().column()));
            }
            rule.attributes().forEach((name, source) -> {
                if (source.lookup() == null) {
                    refs.add(new ColumnRef(rule.path() + ".attributes." + name, source.column()));
                }
            });
        }
        if (discover != null && discover.ownerFrom() != null) {
            refs.add(new ColumnRef("discover.ownerFrom", discover.ownerFrom()));
        }
        return refs;
    }

    /** The columns the mapping reads from one lookup file: its key and every attribute taken from it. */
    List<ColumnRef> lookupColumns(String name) {
        List<ColumnRef> refs = new ArrayList<>();
        refs.add(new ColumnRef("lookups." + name + ".key", lookups.get(name).key()));
        for (Rule rule : rules) {
            rule.attributes().forEach((attribute, source) -> {
                if (name.equals(source.lookup())) {
                    refs.add(new ColumnRef(rule.path() + ".attributes." + attribute + ".column", source.column()));
                }
            });
        }
        return refs;
    }

    /** The rule with this index (-1: the default XES rule). */
    Rule rule(int index) {
        for (Rule rule : rules) {
            if (rule.index() == index) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no rule " + index);
    }

    /**
     * The same mapping with each rule's typeMap replaced: {@code discovered} entries first, the rule's own on top
     * when {@code keepOwn}. Discovery reads labels with no typeMap at all, then imports with the discovered one.
     */
    ImportMapping withTypeMap(Map<String, String> discovered, boolean keepOwn) {
        List<Rule> replaced = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            Map<String, String> typeMap = new LinkedHashMap<>(discovered);
            if (keepOwn) {
                typeMap.putAll(rule.typeMap());
            }
            replaced.add(new Rule(rule.index(), rule.type(), rule.typeFrom(), Map.copyOf(typeMap), rule.at(),
                                  rule.atFormat(), rule.when(), rule.attributes(), rule.constants()));
        }
        return new ImportMapping(mapId, format, delimiter, encoding, timezone, journeyId, skipUnmapped, lifecycle,
                                 List.copyOf(replaced), lookups, discover);
    }

    /**
     * Throws InvalidRequestException naming every field that is missing or wrong.
     */
    static ImportMapping parse(byte[] json, StepTypes types) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidRequestException("mapping", "not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("mapping", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("mapping", "must be a JSON object");
        }
        return new Parser(types).parse(root);
    }

    private static final class Parser {

        private final StepTypes types;
        private final List<FieldError> errors = new ArrayList<>();
        private Map<String, Lookup> lookups = Map.of();
        private boolean discovering;

        Parser(StepTypes types) {
            this.types = types;
        }

        ImportMapping parse(JsonNode root) {
            unknownKeys(root, TOP_KEYS, "");
            String mapId = text(root, "mapId", "mapId", true);
            if (mapId != null && !MAP_ID.matcher(mapId).matches()) {
                error("mapId", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                               + " (it becomes part of every step id)");
            }
            Format format = format(text(root, "format", "format", true));
            boolean xes = format == Format.XES;
            Discover discover = discover(root.get("discover"));
            discovering = discover != null;

            char delimiter = ',';
            String delimiterText = text(root, "delimiter", "delimiter", false);
            if (delimiterText != null) {
                if (xes) {
                    error("delimiter", "applies to csv only");
                } else if (delimiterText.equals("\\t") || delimiterText.equalsIgnoreCase("tab")) {
                    delimiter = '\t';
                } else if (delimiterText.length() != 1 || delimiterText.charAt(0) == '"'
                           || delimiterText.charAt(0) == '\n' || delimiterText.charAt(0) == '\r') {
                    error("delimiter", "must be a single character other than a quote or line break, such as "
                                       + "\",\" \";\" or \"tab\"");
                } else {
                    delimiter = delimiterText.charAt(0);
                }
            }
            Charset encoding = StandardCharsets.UTF_8;
            String encodingName = text(root, "encoding", "encoding", false);
            if (encodingName != null) {
                try {
                    encoding = Charset.forName(encodingName);
                } catch (RuntimeException e) {
                    error("encoding", "unknown character set '" + encodingName + "'");
                }
            }
            ZoneId zone = ZoneId.of("UTC");
            String zoneName = text(root, "timezone", "timezone", false);
            if (zoneName != null) {
                try {
                    zone = ZoneId.of(zoneName);
                } catch (DateTimeException e) {
                    error("timezone", "unknown time zone '" + zoneName + "' (use a region such as Europe/Paris, "
                                      + "or an offset such as +01:00)");
                }
            }
            DateTimeFormatter atFormat = atFormat(root, "atFormat");
            String journeyId = text(root, "journeyId", "journeyId", !xes && format != null);
            if (journeyId == null && xes) {
                journeyId = XES_TYPE;
            }
            boolean skipUnmapped = bool(root, "skipUnmapped");
            Set<String> lifecycle = lifecycle(root.get("lifecycle"), xes);
            lookups = lookups(root.get("lookups"), delimiter, encoding);
            Map<String, String> typeMap = typeMap(root.get("typeMap"), "typeMap");
            Map<String, Attribute> attributes = attributes(root.get("attributes"), "attributes");
            Map<String, Object> constants = constants(root.get("constants"), "constants");

            List<Rule> rules = new ArrayList<>();
            JsonNode rulesNode = root.get("rules");
            if (rulesNode == null || rulesNode.isNull()) {
                if (xes) {
                    // Default for process-mining logs: one step per event, typed by its activity.
                    rules.add(new Rule(-1, null, XES_TYPE, typeMap, XES_TIME, atFormat, null, attributes, constants));
                } else if (format != null) {
                    error("rules", "is required for csv: at least one rule");
                }
            } else if (!rulesNode.isArray() || rulesNode.isEmpty()) {
                error("rules", "must be a non-empty array of rules");
            } else {
                for (int i = 0; i < rulesNode.size(); i++) {
                    Rule rule = rule(rulesNode.get(i), i, xes, atFormat, typeMap, attributes, constants);
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
            }
            if (discovering) {
                for (Rule rule : rules) {
                    if (rule.type() != null) {
                        error(rule.path() + ".type", "with discover, every rule reads its activity from a column: "
                                                     + "use typeFrom (the activity column) instead of a fixed type");
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            return new ImportMapping(mapId, format, delimiter, encoding, zone, journeyId, skipUnmapped, lifecycle,
                                     List.copyOf(rules), lookups, discover);
        }

        /** Named lookup files; each defaults to the mapping's delimiter and encoding. */
        private Map<String, Lookup> lookups(JsonNode node, char defaultDelimiter, Charset defaultEncoding) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject() || node.isEmpty()) {
                error("lookups", "must be an object from lookup name to {\"key\": ..., \"on\": ...}");
                return Map.of();
            }
            Map<String, Lookup> result = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String field = "lookups." + name;
                if (!LOOKUP_NAME.matcher(name).matches()) {
                    error(field, "a lookup name is 1-64 letters, digits, '_' or '-' (it names the upload part "
                                 + "lookup.<name>)");
                    continue;
                }
                JsonNode lookup = entry.getValue();
                if (!lookup.isObject()) {
                    error(field, "must be an object such as {\"key\": \"account\", \"on\": \"account\"}");
                    continue;
                }
                unknownKeys(lookup, LOOKUP_KEYS, field + ".");
                String key = text(lookup, "key", field + ".key", true);
                String on = text(lookup, "on", field + ".on", true);
                char delimiter = defaultDelimiter;
                String delimiterText = text(lookup, "delimiter", field + ".delimiter", false);
                if (delimiterText != null) {
                    if (delimiterText.equals("\\t") || delimiterText.equalsIgnoreCase("tab")) {
                        delimiter = '\t';
                    } else if (delimiterText.length() != 1 || delimiterText.charAt(0) == '"') {
                        error(field + ".delimiter", "must be a single character other than a quote, or \"tab\"");
                    } else {
                        delimiter = delimiterText.charAt(0);
                    }
                }
                Charset encoding = defaultEncoding;
                String encodingName = text(lookup, "encoding", field + ".encoding", false);
                if (encodingName != null) {
                    try {
                        encoding = Charset.forName(encodingName);
                    } catch (RuntimeException e) {
                        error(field + ".encoding", "unknown character set '" + encodingName + "'");
                    }
                }
                if (key != null && on != null) {
                    result.put(name, new Lookup(name, key, on, delimiter, encoding));
                }
            }
            return Collections.unmodifiableMap(result);
        }

        /** {@code true}, {@code false}, or an object with {@code name} and {@code ownerFrom}. */
        private Discover discover(JsonNode node) {
            if (node == null || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
                return null;
            }
            if (node.isBoolean()) {
                return new Discover(null, null);
            }
            if (!node.isObject()) {
                error("discover", "must be true, false or an object such as {\"name\": \"Helpdesk\", "
                                  + "\"ownerFrom\": \"department\"}");
                return null;
            }
            unknownKeys(node, Set.of("name", "ownerFrom"), "discover.");
            return new Discover(text(node, "name", "discover.name", false),
                                text(node, "ownerFrom", "discover.ownerFrom", false));
        }

        private Rule rule(JsonNode node, int index, boolean xes, DateTimeFormatter defaultFormat,
                          Map<String, String> defaultTypeMap, Map<String, Attribute> defaultAttributes,
                          Map<String, Object> defaultConstants) {
            String path = "rules[" + index + "]";
            if (!node.isObject()) {
                error(path, "must be an object");
                return null;
            }
            unknownKeys(node, RULE_KEYS, path + ".");
            String type = text(node, "type", path + ".type", false);
            String typeFrom = text(node, "typeFrom", path + ".typeFrom", false);
            if (type == null && typeFrom == null) {
                error(path + ".type", "a rule needs either type (a fixed step type) or typeFrom (the column whose "
                                      + "values are step types)");
            } else if (type != null && typeFrom != null) {
                error(path + ".type", "give either type or typeFrom, not both");
            } else if (type != null && !types.isValid(type)) {
                error(path + ".type", unknownType(type));
            }
            Map<String, String> typeMap = new LinkedHashMap<>(defaultTypeMap);
            if (node.has("typeMap")) {
                if (typeFrom == null) {
                    error(path + ".typeMap", "applies only with typeFrom");
                }
                typeMap.putAll(typeMap(node.get("typeMap"), path + ".typeMap"));
            }
            String at = text(node, "at", path + ".at", !xes);
            if (at == null && xes) {
                at = XES_TIME;
            }
            DateTimeFormatter atFormat = node.has("atFormat") ? atFormat(node, path + ".atFormat") : defaultFormat;
            When when = when(node.get("when"), path + ".when");
            Map<String, Attribute> attributes = new LinkedHashMap<>(defaultAttributes);
            attributes.putAll(attributes(node.get("attributes"), path + ".attributes"));
            Map<String, Object> constants = new LinkedHashMap<>(defaultConstants);
            constants.putAll(constants(node.get("constants"), path + ".constants"));
            return new Rule(index, type, typeFrom, Map.copyOf(typeMap), at, atFormat, when, Map.copyOf(attributes),
                            Map.copyOf(constants));
        }

        private Format format(String value) {
            if (value == null) {
                return null;
            }
            return switch (value.toLowerCase()) {
                case "csv" -> Format.CSV;
                case "xes" -> Format.XES;
                default -> {
                    error("format", "unknown format '" + value + "': use \"csv\" or \"xes\"");
                    yield null;
                }
            };
        }

        private DateTimeFormatter atFormat(JsonNode node, String field) {
            String pattern = text(node, field.substring(field.lastIndexOf('.') + 1), field, false);
            if (pattern == null) {
                return null;
            }
            try {
                return Timestamps.pattern(pattern);
            } catch (IllegalArgumentException e) {
                error(field, "not a valid date-time pattern: " + e.getMessage());
                return null;
            }
        }

        private Set<String> lifecycle(JsonNode node, boolean xes) {
            if (node == null || node.isNull()) {
                return Set.of();
            }
            if (!xes) {
                error("lifecycle", "applies to xes only");
                return Set.of();
            }
            Set<String> values = new LinkedHashSet<>();
            if (node.isTextual()) {
                values.add(node.asText().toLowerCase());
            } else if (node.isArray() && !node.isEmpty()) {
                for (JsonNode value : node) {
                    if (!value.isTextual() || value.asText().isBlank()) {
                        error("lifecycle", "must be a transition name or an array of them, such as \"complete\"");
                        return Set.of();
                    }
                    values.add(value.asText().toLowerCase());
                }
            } else {
                error("lifecycle", "must be a transition name or an array of them, such as \"complete\"");
            }
            return Set.copyOf(values);
        }

        private Map<String, String> typeMap(JsonNode node, String field) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                error(field, "must be an object from source value to step type");
                return Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String entryField = field + "['" + entry.getKey() + "']";
                if (!entry.getValue().isTextual()) {
                    error(entryField, "must be a step type name");
                } else if (discovering && STEP_TYPE.matcher(entry.getValue().asText()).matches()) {
                    // Discovery declares the target, so it need not exist yet: it only has to be an identifier.
                    map.put(entry.getKey(), entry.getValue().asText());
                } else if (!types.isValid(entry.getValue().asText())) {
                    error(entryField, discovering
                            ? "'" + entry.getValue().asText() + "' is not a step type identifier: with discover, a "
                              + "typeMap target is UpperCamelCase letters and digits, such as TicketClosed"
                            : unknownType(entry.getValue().asText()));
                } else {
                    map.put(entry.getKey(), entry.getValue().asText());
                }
            }
            return map;
        }

        private When when(JsonNode node, String field) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                error(field, "must be an object such as {\"column\": \"deal_stage\", \"equals\": \"Won\"}");
                return null;
            }
            unknownKeys(node, Set.of("column", "equals", "in"), field + ".");
            String column = text(node, "column", field + ".column", true);
            JsonNode equals = node.get("equals");
            JsonNode in = node.get("in");
            Set<String> values = new LinkedHashSet<>();
            if ((equals == null) == (in == null)) {
                error(field, "needs exactly one of equals (a value) or in (an array of values)");
            } else if (equals != null) {
                if (!equals.isValueNode() || equals.isNull()) {
                    error(field + ".equals", "must be a value");
                } else {
                    values.add(equals.asText());
                }
            } else if (!in.isArray() || in.isEmpty()) {
                error(field + ".in", "must be a non-empty array of values");
            } else {
                for (JsonNode value : in) {
                    if (!value.isValueNode() || value.isNull()) {
                        error(field + ".in", "must hold values only");
                    }
                    values.add(value.asText());
                }
            }
            return column == null ? null : new When(column, Set.copyOf(values));
        }

        private Map<String, Attribute> attributes(JsonNode node, String field) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                error(field, "must be an object from attribute name to column");
                return Map.of();
            }
            Map<String, Attribute> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String entryField = field + "." + name;
                if (!attributeName(name, entryField)) {
                    continue;
                }
                JsonNode value = entry.getValue();
                if (value.isTextual() && !value.asText().isBlank()) {
                    map.put(name, new Attribute(value.asText(), false));
                } else if (value.isObject()) {
                    unknownKeys(value, Set.of("column", "as", "lookup"), entryField + ".");
                    String column = text(value, "column", entryField + ".column", true);
                    String as = text(value, "as", entryField + ".as", false);
                    if (as != null && !as.equals("number") && !as.equals("string")) {
                        error(entryField + ".as", "must be \"string\" or \"number\"");
                    }
                    String lookup = text(value, "lookup", entryField + ".lookup", false);
                    if (lookup != null && !lookups.containsKey(lookup)) {
                        error(entryField + ".lookup", "no lookup '" + lookup + "' in lookups"
                                + (lookups.isEmpty() ? "" : " (lookups: " + String.join(", ", lookups.keySet()) + ")"));
                    }
                    if (column != null) {
                        map.put(name, new Attribute(column, "number".equals(as), lookup));
                    }
                } else {
                    error(entryField, "must be a column name or {\"column\": ..., \"as\": \"number\"}");
                }
            }
            return map;
        }

        private Map<String, Object> constants(JsonNode node, String field) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                error(field, "must be an object from attribute name to a constant value");
                return Map.of();
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String entryField = field + "." + entry.getKey();
                if (!attributeName(entry.getKey(), entryField)) {
                    continue;
                }
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    map.put(entry.getKey(), value.asText());
                } else if (value.isBoolean()) {
                    map.put(entry.getKey(), value.asBoolean());
                } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                    map.put(entry.getKey(), value.asLong());
                } else if (value.isNumber()) {
                    map.put(entry.getKey(), value.asDouble());
                } else {
                    error(entryField, "must be a string, number or boolean");
                }
            }
            return map;
        }

        private boolean attributeName(String name, String field) {
            String problem = AttributeNames.problem(name);
            if (problem != null) {
                error(field, "attribute name " + problem);
                return false;
            }
            return true;
        }

        private String text(JsonNode node, String key, String field, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                error(field, "must be a non-empty string");
                return null;
            }
            return value.asText();
        }

        private boolean bool(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return false;
            }
            if (!value.isBoolean()) {
                error(key, "must be true or false");
                return false;
            }
            return value.asBoolean();
        }

        private void unknownKeys(JsonNode node, Set<String> known, String prefix) {
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    error(prefix + name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList())
                                         + ")");
                }
            });
        }

        private String unknownType(String type) {
            return "'" + type + "' is not a step type (built-in: " + String.join(", ", StepTypes.BUILT_IN)
                   + "; custom types must be declared by a map)";
        }

        private void error(String field, String reason) {
            errors.add(FieldError.of(field, reason));
        }
    }
}

package io.revchain.importing;

import io.revchain.chain.BusinessTime;
import io.revchain.step.StepRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applies the mapping's rules to one row. The step id hashes what the step is (map id, journey, rule, type, instant)
 * plus how often that same step occurred before in the file, so it is stable across runs and re-exports.
 */
final class StepMapper {

    /** A row's steps, and how many of its values named no step type and were skipped as the mapping allows. */
    record Result(List<MappedStep> steps, int skipped) {
    }

    private record Draft(ImportMapping.Rule rule, String type, Instant at, Map<String, Object> attributes) {
    }

    private static final char SEP = '\u001f';

    private final ImportMapping mapping;
    private final StepTypes types;
    private final boolean xes;
    private final OccurrenceCounter occurrences = new OccurrenceCounter();
    private final MessageDigest sha256;

    StepMapper(ImportMapping mapping, StepTypes types) {
        this.mapping = mapping;
        this.types = types;
        this.xes = mapping.format() == ImportMapping.Format.XES;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The steps one row yields. {@code values} gives a row's value by column (XES: by event attribute key), empty
     * when absent; {@code joined} gives a column of the row a lookup joins to it, by lookup name and column (empty
     * when none); {@code passThrough} holds attributes every step of the row carries (XES: the event's attributes).
     * A rule that applies but cannot be satisfied rejects the whole row: it then yields nothing.
     */
    Result map(String journeyId, Function<String, String> values, BiFunction<String, String, String> joined,
               Map<String, Object> passThrough, long row, long line) throws RowRejectedException {
        List<Draft> drafts = new ArrayList<>(mapping.rules().size());
        int skipped = 0;
        for (ImportMapping.Rule rule : mapping.rules()) {
            if (rule.when() != null && !rule.when().values().contains(values.apply(rule.when().column()))) {
                continue;
            }
            String type = type(rule, values);
            if (type == null) {
                skipped++;
                continue;
            }
            String at = values.apply(rule.at());
            if (at.isEmpty()) {
                if (xes) {
                    throw new RowRejectedException(rule.at(), type, "the event has no " + rule.at());
                }
                continue;
            }
            Instant instant;
            try {
                instant = Timestamps.parse(at, rule.atFormat(), mapping.timezone());
            } catch (DateTimeException e) {
                throw new RowRejectedException(rule.at(), type, "'" + at + "' is not " + (rule.atFormat() == null
                        ? Timestamps.EXPECTED : "a timestamp in the atFormat pattern") + " (" + e.getMessage() + ")");
            }
            if (!BusinessTime.accepts(instant)) {
                throw new RowRejectedException(rule.at(), type, "'" + at + "' (" + instant + ") is out of range: "
                        + BusinessTime.RANGE);
            }
            drafts.add(new Draft(rule, type, instant, attributes(rule, values, joined, passThrough, type)));
        }
        if (drafts.isEmpty()) {
            return new Result(List.of(), skipped);
        }
        if (journeyId == null || journeyId.isEmpty()) {
            throw new RowRejectedException(mapping.journeyId(), drafts.get(0).type(), "the journey id is empty");
        }
        List<MappedStep> steps = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            String occurredAt = draft.at().toString();
            StepRequest request = new StepRequest(stepId(journeyId, draft.rule().index(), draft.type(), occurredAt),
                                                  draft.type(), occurredAt, journeyId, null, null, draft.attributes());
            steps.add(new MappedStep(request, draft.at(), row, line, draft.rule().index()));
        }
        return new Result(steps, skipped);
    }

    /** The rule's step type for this row, or null when it names none and the mapping skips unmapped values. */
    private String type(ImportMapping.Rule rule, Function<String, String> values) throws RowRejectedException {
        if (rule.type() != null) {
            return rule.type();
        }
        String value = values.apply(rule.typeFrom());
        String type = rule.typeMap().getOrDefault(value, value);
        if (types.isValid(type)) {
            return type;
        }
        if (mapping.skipUnmapped()) {
            return null;
        }
        String reason = value.isEmpty()
                ? "no value to take the step type from"
                : "'" + value + "' is not a step type; map it in typeMap, or set skipUnmapped to leave such rows out";
        throw new RowRejectedException(rule.typeFrom(), null, reason);
    }

    private static Map<String, Object> attributes(ImportMapping.Rule rule, Function<String, String> values,
                                                  BiFunction<String, String, String> joined,
                                                  Map<String, Object> passThrough, String type)
            throws RowRejectedException {
        Map<String, Object> attributes = new LinkedHashMap<>(passThrough);
        for (Map.Entry<String, ImportMapping.Attribute> entry : rule.attributes().entrySet()) {
            String column = entry.getValue().column();
            String lookup = entry.getValue().lookup();
            String value = lookup == null ? values.apply(column) : joined.apply(lookup, column);
            if (value.isEmpty()) {
                continue;
            }
            attributes.put(entry.getKey(), entry.getValue().number() ? number(column, value, type) : value);
        }
        attributes.putAll(rule.constants());
        return attributes;
    }

    private static Object number(String column, String value, String type) throws RowRejectedException {
        try {
            BigDecimal number = new BigDecimal(value);
            try {
                return number.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return number.doubleValue();
            }
        } catch (NumberFormatException e) {
            throw new RowRejectedException(column, type, "'" + value + "' is not a number (plain digits with an "
                                                         + "optional '.' decimal point)");
        }
    }

    private String stepId(String journeyId, int rule, String type, String occurredAt) {
        String identity = mapping.mapId() + SEP + journeyId + SEP + rule + SEP + type + SEP + occurredAt;
        byte[] digest = sha256.digest(identity.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xFF);
        }
        int ordinal = occurrences.next(key);
        if (ordinal > 0) {
            digest = sha256.digest((identity + SEP + ordinal).getBytes(StandardCharsets.UTF_8));
        }
        return mapping.mapId() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    }
}

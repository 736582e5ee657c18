package io.revchain.step;

import io.revchain.chain.BusinessTime;
import io.revchain.map.DeclaredCurrencies;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.step.StepTarget.Kind;
import io.revchain.step.StepTypes.StepType;
import io.revchain.system.web.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks the syntax of a whole batch, reporting every problem at once, and turns valid steps into command steps. */
final class StepParser {

    static final int MAX_ID_LENGTH = 200;

    /** A valid step: its position in the batch, the object it belongs to, and the step for that object's command. */
    record ParsedStep(int index, StepTarget target, Instant occurredAt, Object step) {
    }

    /** The steps to dispatch, how many repeated an earlier step of the batch verbatim, and the errors. */
    record ParsedBatch(List<ParsedStep> steps, int repeats, List<FieldError> errors) {
    }

    /** Attributes that make a step carry money: its currency must be one a map declares. */
    static final List<String> AMOUNTS = List.of("amount", "budget");

    private final DeclaredStepTypes declaredStepTypes;
    private final DeclaredCurrencies declaredCurrencies;

    StepParser(DeclaredStepTypes declaredStepTypes, DeclaredCurrencies declaredCurrencies) {
        this.declaredStepTypes = declaredStepTypes;
        this.declaredCurrencies = declaredCurrencies;
    }

    ParsedBatch parse(List<StepRequest> requests) {
        return parse(requests, Map.of());
    }

    /** {@code unreadable}: errors of elements that could not be read as a step, by index; reported as they are. */
    ParsedBatch parse(List<StepRequest> requests, Map<Integer, List<FieldError>> unreadable) {
        List<FieldError> errors = new ArrayList<>();
        List<ParsedStep> steps = new ArrayList<>();
        Map<String, Integer> firstByStepId = new HashMap<>();
        Map<String, Boolean> currencies = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < requests.size(); i++) {
            StepRequest request = requests.get(i);
            if (unreadable.containsKey(i)) {
                errors.addAll(unreadable.get(i));
                continue;
            }
            if (request == null) {
                errors.add(new FieldError(i, "body", "must be a step object, not null"));
                continue;
            }
            int errorsBefore = errors.size();
            ParsedStep step = parse(i, request, errors);
            if (errors.size() == errorsBefore) {
                checkCurrency(i, request, currencies, errors);
            }
            if (request.stepId() != null && !request.stepId().isBlank()) {
                Integer first = firstByStepId.putIfAbsent(request.stepId(), i);
                if (first != null && requests.get(first).equals(request)) {
                    repeats++;
                    continue;
                }
                if (first != null) {
                    errors.add(new FieldError(i, "stepId", "step " + first + " of this batch has the same stepId "
                            + "with different content; a stepId identifies one step"));
                }
            }
            if (errors.size() == errorsBefore) {
                steps.add(step);
            }
        }
        return new ParsedBatch(steps, repeats, errors);
    }

    private ParsedStep parse(int index, StepRequest request, List<FieldError> errors) {
        StepType type = null;
        if (request.type() == null || request.type().isBlank()) {
            errors.add(new FieldError(index, "type", "is required"));
        } else {
            type = StepTypes.find(request.type(), declaredStepTypes);
            if (type == null) {
                String suggestion = StepTypes.closestBuiltIn(request.type());
                errors.add(new FieldError(index, "type", "unknown step type '" + request.type() + "'"
                        + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                        + ": neither a built-in type nor declared by a supply chain map"));
            }
        }
        checkId(index, "stepId", request.stepId(), errors);
        Instant occurredAt = occurredAt(index, request.occurredAt(), errors);
        StepTarget target = target(index, request, type, errors);
        StepAttributes attributes = new StepAttributes(index, request.type(), request.attributes(), errors);
        Object step = type == null ? null : type.builder().build(request.stepId(), occurredAt, attributes);
        return new ParsedStep(index, target, occurredAt, step);
    }

    /**
     * Rules currency-iso-4217 and currency-declared: a step carrying an amount or a budget with a {@code currency}
     * names an ISO 4217 currency that some map declares. Journeys are not tied to a map, so an amount in a currency
     * no map declares could never be counted. An amount without a currency is accepted: each map takes it to be in
     * its own currency (docs/domain.md).
     */
    private void checkCurrency(int index, StepRequest request, Map<String, Boolean> declared,
                               List<FieldError> errors) {
        Object value = request.attributes().get("currency");
        if (value == null || value.toString().isBlank()
                || AMOUNTS.stream().noneMatch(name -> request.attributes().get(name) != null)) {
            return;
        }
        String code = value.toString().strip().toUpperCase(Locale.ROOT);
        boolean iso = code.length() == 3 && Currency.getAvailableCurrencies().stream()
                                                    .anyMatch(c -> c.getCurrencyCode().equals(code));
        if (!iso) {
            errors.add(new FieldError(index, "attributes.currency", "rule currency-iso-4217: '" + value
                    + "' is not an ISO 4217 currency code, such as EUR, USD or GBP"));
        } else if (!declared.computeIfAbsent(code, declaredCurrencies::isDeclaredCurrency)) {
            errors.add(new FieldError(index, "attributes.currency", "rule currency-declared: no supply chain map "
                    + "declares " + code + ", so no map could count this amount; declare it on the map "
                    + "(\"currency\": \"" + code + "\") or send the amount in a currency a map declares"));
        }
    }

    private static void checkId(int index, String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(index, field, "is required"));
        } else if (value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(index, field, "must be at most " + MAX_ID_LENGTH + " characters"));
        }
    }

    private static void putIfGiven(Map<Kind, String> given, Kind kind, String id) {
        if (id != null && !id.isBlank()) {
            given.put(kind, id);
        }
    }

    /** Exactly one of journeyId, segmentId, campaignId (blank counts as absent): the one the step's type names. */
    private static StepTarget target(int index, StepRequest request, StepType type, List<FieldError> errors) {
        Map<Kind, String> given = new EnumMap<>(Kind.class);
        putIfGiven(given, Kind.SEGMENT, request.segmentId());
        putIfGiven(given, Kind.CAMPAIGN, request.campaignId());
        putIfGiven(given, Kind.JOURNEY, request.journeyId());
        if (type == null) {
            if (given.isEmpty()) {
                errors.add(new FieldError(index, "journeyId",
                                          "one of journeyId, segmentId or campaignId is required"));
            } else if (given.size() > 1) {
                given.keySet().stream().skip(1).forEach(kind -> errors.add(new FieldError(
                        index, kind.field(), "only one of journeyId, segmentId or campaignId may be given")));
            }
            return null;
        }
        Kind expected = type.target();
        for (Kind kind : given.keySet()) {
            if (kind != expected) {
                errors.add(new FieldError(index, kind.field(), "not allowed: " + type.name() + " is a step of a "
                        + expected.name().toLowerCase() + ", named by " + expected.field() + " only"));
            }
        }
        String id = given.get(expected);
        if (id == null) {
            errors.add(new FieldError(index, expected.field(), "is required for " + type.name()));
            return null;
        }
        checkId(index, expected.field(), id, errors);
        return new StepTarget(expected, id);
    }

    /**
     * An ISO-8601 instant or offset date-time; a date alone means the start of that day in UTC. Only times in
     * {@link BusinessTime}'s range are accepted: an event store keeps what it accepts forever.
     */
    static Instant occurredAt(int index, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(index, "occurredAt", "is required"));
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notDateTime) {
            try {
                instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notDate) {
                errors.add(new FieldError(index, "occurredAt", "'" + text + "' is not an ISO-8601 instant "
                        + "(2024-03-01T10:15:30Z), offset date-time (2024-03-01T10:15:30+01:00) or date (2024-03-01)"));
                return null;
            }
        }
        if (!BusinessTime.accepts(instant)) {
            errors.add(new FieldError(index, "occurredAt", "'" + text + "' is out of range: " + BusinessTime.RANGE));
            return null;
        }
        return instant;
    }
}

package io.revchain.map;

import io.revchain.chain.BusinessFunction;
import io.revchain.system.web.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a map document must satisfy; turns a {@link DefineMap} into a normalized {@link MapDefinition}. */
final class MapRules {

    static final Set<String> BUILT_IN_STEP_TYPES = Set.of(
            "LeadCaptured", "LeadQualified", "LeadDisqualified", "LeadHandedOff", "LeadAccepted", "LeadRejected",
            "OpportunityOpened", "OpportunityAdvanced", "AssetUsed", "DealWon", "DealLost", "CustomerOnboarded",
            "FeedbackRecorded", "FeedbackActioned");
    /** A stage entered only by these steps ends journeys, so it is terminal unless the document says otherwise. */
    static final Set<String> CLOSING_STEP_TYPES = Set.of("DealWon", "DealLost", "LeadDisqualified");

    private static final Pattern STEP_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");

    private MapRules() {
    }

    static MapDefinition definition(DefineMap command) {
        List<FieldError> errors = new ArrayList<>();
        if (!MapIds.valid(command.mapId())) {
            errors.add(error("mapId", "map-id-format",
                             "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        String name = strip(command.name());
        if (name == null) {
            errors.add(error("name", "map-name-required", "give the map a name"));
        }
        List<Stage> stages = stages(command.stages(), errors);
        List<Handoff> handoffs = handoffs(command.handoffs(), stages, errors);
        String currency = currency(command.currency(), errors);
        List<BusinessCalendar> calendars = CalendarRules.calendars(command.calendars(), errors);
        if (!errors.isEmpty()) {
            throw new MapRuleViolation(errors);
        }
        return new MapDefinition(name, stages, handoffs, currency, calendars);
    }

    /** An ISO 4217 code as {@link Currency} knows it, in upper case; null when the map declares no currency. */
    private static String currency(String requested, List<FieldError> errors) {
        String code = strip(requested);
        if (code == null) {
            return null;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        if (upper.length() == 3 && Currency.getAvailableCurrencies().stream()
                                           .anyMatch(c -> c.getCurrencyCode().equals(upper))) {
            return upper;
        }
        errors.add(error("currency", "map-currency-iso-4217", quoted(code) + " is not an ISO 4217 currency code, "
                + "such as EUR, USD or GBP; leave it out for none"));
        return null;
    }

    private static List<Stage> stages(List<StageRequest> requests, List<FieldError> errors) {
        if (requests == null || requests.isEmpty()) {
            errors.add(error("stages", "stages-required", "a map has at least one stage"));
            return List.of();
        }
        List<Stage> stages = new ArrayList<>();
        Map<String, Integer> indexOfStage = new HashMap<>();
        Map<String, String> stageEnteredBy = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            String at = "stages[" + i + "]";
            StageRequest request = requests.get(i);
            if (request == null) {
                errors.add(error(at, "stage-required", "a stage cannot be null"));
                continue;
            }
            String stageId = strip(request.stageId());
            if (stageId == null) {
                errors.add(error(at + ".stageId", "stage-id-required", "every stage needs an id"));
            } else if (indexOfStage.containsKey(stageId)) {
                errors.add(error(at + ".stageId", "stage-id-unique",
                                 "stage id '" + stageId + "' is already used by stages[" + indexOfStage.get(stageId)
                                         + "]"));
            } else {
                indexOfStage.put(stageId, i);
            }
            Optional<BusinessFunction> owner = BusinessFunction.parse(request.owner());
            if (owner.isEmpty()) {
                errors.add(error(at + ".owner", "stage-owner-valid",
                                 quoted(request.owner()) + " is not a function; use one of " + BusinessFunction.CHOICES));
            }
            List<String> enteredOn = new ArrayList<>();
            if (request.enteredOn() == null || request.enteredOn().isEmpty()) {
                errors.add(error(at + ".enteredOn", "entered-on-required",
                                 "list the step types that mark entry into the stage"));
            } else {
                for (int k = 0; k < request.enteredOn().size(); k++) {
                    String field = at + ".enteredOn[" + k + "]";
                    String type = strip(request.enteredOn().get(k));
                    if (type == null || !STEP_TYPE.matcher(type).matches()) {
                        errors.add(error(field, "step-type-identifier",
                                         quoted(type) + " is not a step type; use UpperCamelCase letters and digits, "
                                                 + "such as DemoHeld"));
                    } else if (!enteredOn.contains(type)) {
                        String other = stageEnteredBy.putIfAbsent(type, stageId == null ? at : "'" + stageId + "'");
                        if (other != null) {
                            errors.add(error(field, "step-type-one-stage",
                                             type + " already marks entry into stage " + other));
                        } else {
                            enteredOn.add(type);
                        }
                    }
                }
            }
            if (request.slaHours() != null && request.slaHours() <= 0) {
                errors.add(error(at + ".slaHours", "sla-positive",
                                 "an SLA is a positive number of hours; leave it out for none"));
            }
            boolean terminal = request.terminal() != null
                    ? request.terminal()
                    : !enteredOn.isEmpty() && CLOSING_STEP_TYPES.containsAll(enteredOn);
            String stageName = strip(request.name());
            stages.add(new Stage(stageId, stageName == null ? stageId : stageName, owner.orElse(null), enteredOn,
                                 request.slaHours(), terminal));
        }
        return stages;
    }

    private static List<Handoff> handoffs(List<HandoffRequest> requests, List<Stage> stages,
                                          List<FieldError> errors) {
        if (requests == null) {
            return List.of();
        }
        Map<String, Stage> byId = new LinkedHashMap<>();
        stages.stream().filter(s -> s.stageId() != null).forEach(s -> byId.putIfAbsent(s.stageId(), s));
        Set<String> connected = new HashSet<>();
        List<Handoff> handoffs = new ArrayList<>();
        for (int j = 0; j < requests.size(); j++) {
            String at = "handoffs[" + j + "]";
            HandoffRequest request = requests.get(j);
            if (request == null) {
                errors.add(error(at, "handoff-required", "a handoff cannot be null"));
                continue;
            }
            Stage from = existingStage(request.fromStage(), at + ".fromStage", byId, errors);
            Stage to = existingStage(request.toStage(), at + ".toStage", byId, errors);
            Optional<BusinessFunction> owner = BusinessFunction.parse(request.owner());
            if (owner.isEmpty()) {
                errors.add(error(at + ".owner", "handoff-owner-valid",
                                 quoted(request.owner()) + " is not a function; use one of " + BusinessFunction.CHOICES));
            }
            String criteria = strip(request.criteria());
            if (criteria == null) {
                errors.add(error(at + ".criteria", "handoff-criteria-required",
                                 "write down when work is ready to be handed off"));
            }
            if (from != null && to != null) {
                if (from == to) {
                    errors.add(error(at + ".toStage", "handoff-distinct-owners",
                                     "a handoff connects two different stages, not stage '" + from.stageId()
                                             + "' with itself"));
                } else if (from.owner() != null && from.owner() == to.owner()) {
                    errors.add(error(at + ".toStage", "handoff-distinct-owners",
                                     "stages '" + from.stageId() + "' and '" + to.stageId() + "' are both owned by "
                                             + from.owner() + "; a handoff passes work between functions"));
                } else if (!connected.add(from.stageId() + "\n" + to.stageId())) {
                    errors.add(error(at, "handoff-unique",
                                     "stages '" + from.stageId() + "' and '" + to.stageId()
                                             + "' are already connected by an earlier handoff"));
                }
            }
            handoffs.add(new Handoff(from == null ? null : from.stageId(), to == null ? null : to.stageId(),
                                     owner.orElse(null), criteria));
        }
        return handoffs;
    }

    private static Stage existingStage(String requested, String field, Map<String, Stage> byId,
                                       List<FieldError> errors) {
        String stageId = strip(requested);
        Stage stage = stageId == null ? null : byId.get(stageId);
        if (stage == null) {
            errors.add(error(field, "handoff-stage-exists", stageId == null
                    ? "name the stage by its stageId"
                    : "no stage '" + stageId + "' on this map"));
        }
        return stage;
    }

    static FieldError error(String field, String rule, String explanation) {
        return FieldError.of(field, rule + ": " + explanation);
    }

    static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}

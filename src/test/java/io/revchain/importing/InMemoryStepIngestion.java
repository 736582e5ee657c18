package io.revchain.importing;

import io.revchain.step.StepBatchRejectedException;
import io.revchain.step.StepBatchResult;
import io.revchain.chain.Actor;
import io.revchain.step.StepIngestion;
import io.revchain.step.StepRequest;
import io.revchain.system.web.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A real, in-memory step intake for tests: all-or-nothing per call, idempotent by stepId, and with the domain rule
 * that a journey is either won or lost, so importer rejection paths meet a genuine refusal.
 */
class InMemoryStepIngestion implements StepIngestion {

    static final String WON_AND_LOST = "journey.wonOrLost";

    private final Predicate<String> knownType;
    private final Map<String, StepRequest> steps = new LinkedHashMap<>();
    private final Map<String, String> outcomes = new HashMap<>();
    private final List<Integer> callSizes = new ArrayList<>();

    InMemoryStepIngestion(Predicate<String> knownType) {
        this.knownType = knownType;
    }

    static InMemoryStepIngestion builtInTypes() {
        StepTypes types = StepTypes.builtInOnly();
        return new InMemoryStepIngestion(types::isValid);
    }

    @Override
    public synchronized StepBatchResult ingest(List<StepRequest> batch, Actor actor) {
        callSizes.add(batch.size());
        List<FieldError> errors = new ArrayList<>();
        Set<String> batchIds = new HashSet<>();
        Map<String, String> batchOutcomes = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < batch.size(); i++) {
            StepRequest step = batch.get(i);
            if (blank(step.stepId())) {
                errors.add(new FieldError(i, "stepId", "is required"));
                continue;
            }
            if (steps.containsKey(step.stepId()) || !batchIds.add(step.stepId())) {
                duplicates++;
                continue;
            }
            if (!knownType.test(step.type())) {
                errors.add(new FieldError(i, "type", "unknown step type '" + step.type() + "'"));
            }
            if (blank(step.journeyId())) {
                errors.add(new FieldError(i, "journeyId", "is required"));
            }
            try {
                Instant.parse(step.occurredAt());
            } catch (DateTimeParseException | NullPointerException e) {
                errors.add(new FieldError(i, "occurredAt", "must be an ISO-8601 instant"));
            }
            if ("DealWon".equals(step.type()) || "DealLost".equals(step.type())) {
                String before = outcomes.getOrDefault(step.journeyId(), batchOutcomes.get(step.journeyId()));
                if (before != null && !before.equals(step.type())) {
                    errors.add(new FieldError(i, "type", "rule " + WON_AND_LOST + ": journey " + step.journeyId()
                                                         + " already has " + before));
                } else {
                    batchOutcomes.put(step.journeyId(), step.type());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new StepBatchRejectedException(errors);
        }
        int accepted = 0;
        for (StepRequest step : batch) {
            if (steps.putIfAbsent(step.stepId(), step) == null) {
                accepted++;
            }
        }
        outcomes.putAll(batchOutcomes);
        return new StepBatchResult(accepted, duplicates);
    }

    synchronized List<StepRequest> steps() {
        return List.copyOf(steps.values());
    }

    synchronized List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

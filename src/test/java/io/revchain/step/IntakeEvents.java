package io.revchain.step;

import io.revchain.journey.JourneyEvent;
import io.revchain.journey.JourneyStep;
import io.revchain.step.StepParser.ParsedBatch;
import io.revchain.step.StepParser.ParsedStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journey events the steps intake records for a batch of journey steps, built with the intake's own parser and
 * in its dispatch order (journeys by id, each journey's steps by business time), so that a benchmark can write
 * history straight through the event storage engine and store exactly what the intake would.
 */
public final class IntakeEvents {

    /** One journey's command as the intake dispatches it: its events in the order the aggregate applies them. */
    public record JourneyEvents(String journeyId, List<JourneyEvent> events) {
    }

    private IntakeEvents() {
    }

    /** Every custom type and currency counts as declared: the caller defines the map that declares them. */
    public static List<JourneyEvents> of(List<StepRequest> steps) {
        ParsedBatch batch = new StepParser(type -> true, currency -> true).parse(steps);
        if (!batch.errors().isEmpty()) {
            throw new IllegalArgumentException("the intake would refuse these steps: " + batch.errors());
        }
        Map<StepTarget, List<ParsedStep>> byTarget = new TreeMap<>();
        batch.steps().forEach(step -> byTarget.computeIfAbsent(step.target(), t -> new ArrayList<>()).add(step));
        List<JourneyEvents> result = new ArrayList<>(byTarget.size());
        byTarget.forEach((target, group) -> {
            if (target.kind() != StepTarget.Kind.JOURNEY) {
                throw new IllegalArgumentException("only journey steps: " + target);
            }
            group.sort(Comparator.comparing(ParsedStep::occurredAt));
            List<JourneyEvent> events = new ArrayList<>(group.size());
            for (ParsedStep step : group) {
                events.add(((JourneyStep) step.step()).toEvent(target.id()));
            }
            result.add(new JourneyEvents(target.id(), events));
        });
        return result;
    }
}

package io.revchain.step;

import io.revchain.campaign.CampaignStep;
import io.revchain.chain.Actor;
import io.revchain.chain.StepOutcome;
import io.revchain.chain.StepRuleViolation;
import io.revchain.campaign.RecordCampaignSteps;
import io.revchain.journey.JourneyStep;
import io.revchain.journey.RecordJourneySteps;
import io.revchain.map.DeclaredCurrencies;
import io.revchain.map.DeclaredStepTypes;
import io.revchain.segment.RecordSegmentSteps;
import io.revchain.segment.SegmentStep;
import io.revchain.step.StepParser.ParsedBatch;
import io.revchain.step.StepParser.ParsedStep;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import io.revchain.system.web.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Records a batch of steps all-or-nothing. Steps are grouped by the object they belong to and sorted by business
 * time, so a batch may hold history in any order; each object gets ONE command. All commands run as nested units
 * of work inside one root unit of work, so the events of every aggregate are appended in one write on commit, or
 * not at all when any step is refused.
 */
@Service
class StepIntake implements StepIngestion {

    private static final Logger log = LoggerFactory.getLogger(StepIntake.class);
    /** Enough for a handful of writers racing on one object; each lost race costs one short, jittered pause. */
    static final int ATTEMPTS = 8;

    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final CommandGateway commandGateway;
    private final MongoEventStorageEngine eventStorage;
    private final StepParser parser;

    StepIntake(CommandGateway commandGateway, MongoEventStorageEngine eventStorage,
               DeclaredStepTypes declaredStepTypes, DeclaredCurrencies declaredCurrencies) {
        this.commandGateway = commandGateway;
        this.eventStorage = eventStorage;
        this.parser = new StepParser(declaredStepTypes, declaredCurrencies);
    }

    /** One aggregate's command and the batch steps it carries, in command order. */
    private record Dispatch(StepTarget target, List<ParsedStep> steps, Object command) {
    }

    @Override
    public StepBatchResult ingest(List<StepRequest> steps, Actor actor) {
        return ingest(steps, Map.of(), actor);
    }

    /** As {@link #ingest(List, Actor)}, also reporting the errors of body elements that could not be read. */
    StepBatchResult ingest(List<StepRequest> steps, Map<Integer, List<FieldError>> unreadable, Actor actor) {
        ParsedBatch batch = parser.parse(steps, unreadable);
        if (!batch.errors().isEmpty()) {
            throw new StepBatchRejectedException(batch.errors());
        }
        List<Dispatch> dispatches = dispatches(batch.steps());
        for (int attempt = 1; ; attempt++) {
            try {
                StepBatchResult result = dispatchAtomically(dispatches, actor);
                return new StepBatchResult(result.accepted(), result.duplicates() + batch.repeats());
            } catch (RuntimeException e) {
                // Another writer appended to one of these aggregates first; the retry re-reads them.
                RuntimeException conflict = concurrencyConflict(e);
                if (conflict == null) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.info("Step batch of {} steps met a concurrent write (attempt {}); retrying", steps.size(),
                         attempt);
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a step batch", e);
        }
    }

    private static List<Dispatch> dispatches(List<ParsedStep> steps) {
        // Segments before campaigns before journeys (a campaign needs its segment), and a fixed order of aggregates
        // so that concurrent batches take their aggregate locks in the same order.
        Map<StepTarget, List<ParsedStep>> byTarget = new TreeMap<>();
        steps.forEach(step -> byTarget.computeIfAbsent(step.target(), t -> new ArrayList<>()).add(step));
        List<Dispatch> dispatches = new ArrayList<>(byTarget.size());
        byTarget.forEach((target, group) -> {
            group.sort(Comparator.comparing(ParsedStep::occurredAt));
            dispatches.add(new Dispatch(target, group, command(target, group)));
        });
        return dispatches;
    }

    private static Object command(StepTarget target, List<ParsedStep> group) {
        return switch (target.kind()) {
            case SEGMENT -> new RecordSegmentSteps(target.id(), group.stream()
                                                                      .map(s -> (SegmentStep) s.step())
                                                                      .toList());
            case CAMPAIGN -> new RecordCampaignSteps(target.id(), group.stream()
                                                                        .map(s -> (CampaignStep) s.step())
                                                                        .toList());
            case JOURNEY -> new RecordJourneySteps(target.id(), group.stream()
                                                                      .map(s -> (JourneyStep) s.step())
                                                                      .toList());
        };
    }

    private StepBatchResult dispatchAtomically(List<Dispatch> dispatches, Actor actor) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("Step intake must own its unit of work; it cannot join another one");
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        int recorded = 0;
        int duplicates = 0;
        List<FieldError> errors = new ArrayList<>();
        try {
            // Imported history is mostly new journeys: one lookup each instead of a full stream read per command.
            eventStorage.prefetchNewAggregates(dispatches.stream().map(StepIntake::aggregateId).toList());
            for (Dispatch dispatch : dispatches) {
                try {
                    List<StepOutcome> outcomes = commandGateway.sendAndWait(dispatch.command(),
                                                                            MetaData.from(actor.metaData()));
                    for (StepOutcome outcome : outcomes) {
                        if (outcome == StepOutcome.RECORDED) {
                            recorded++;
                        } else {
                            duplicates++;
                        }
                    }
                } catch (StepRuleViolation violation) {
                    // Keep going: the caller learns the first violation of every aggregate at once.
                    errors.add(new FieldError(dispatch.steps().get(violation.stepIndex()).index(), "type",
                                              violation.getMessage()));
                }
            }
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
        if (!errors.isEmpty()) {
            unitOfWork.rollback();
            errors.sort(Comparator.comparing(FieldError::index));
            throw new StepBatchRejectedException(errors);
        }
        unitOfWork.commit();
        return new StepBatchResult(recorded, duplicates);
    }

    private static String aggregateId(Dispatch dispatch) {
        return TARGETS.resolveTarget(GenericCommandMessage.asCommandMessage(dispatch.command())).getIdentifier();
    }

    /**
     * A conflict with another writer, found in the cause chain. Axon reports a clash on an aggregate's first event
     * as a stream creation failure, but journeys, segments and campaigns are created by whichever step comes first,
     * so a clash there means another batch created the same object meanwhile: retry like any other conflict.
     */
    private static RuntimeException concurrencyConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return (RuntimeException) cause;
            }
        }
        return null;
    }
}

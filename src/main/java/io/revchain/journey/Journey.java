package io.revchain.journey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.map.DeclaredStepTypes;
import io.revchain.chain.StepOutcome;
import io.revchain.chain.StepRuleViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One lead's journey. Steps may arrive late and out of business-time order and stages may be skipped; the rules
 * refuse only contradictions. Rules compare business time ({@code occurredAt}), never arrival order.
 */
@Aggregate
class Journey {

    static final String PREFIX = "journey:";

    @AggregateIdentifier
    private String id;
    private final Set<String> stepIds = new HashSet<>();
    private final Set<String> feedbackIds = new HashSet<>();
    private LeadQualified firstQualification;
    private LeadHandedOff firstHandoff;
    private JourneyEvent dealOutcome;
    private JourneyEvent firstOutcome;
    private JourneyEvent latestStageEntry;

    Journey() {
    }

    static String aggregateId(String journeyId) {
        return PREFIX + journeyId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<StepOutcome> handle(RecordJourneySteps command, DeclaredStepTypes declaredStepTypes) {
        List<StepOutcome> outcomes = new ArrayList<>(command.steps().size());
        for (int i = 0; i < command.steps().size(); i++) {
            JourneyStep step = command.steps().get(i);
            if (stepIds.contains(step.stepId())) {
                outcomes.add(StepOutcome.DUPLICATE);
                continue;
            }
            JourneyEvent event = step.toEvent(command.journeyId());
            check(i, event, declaredStepTypes);
            apply(event);
            outcomes.add(StepOutcome.RECORDED);
        }
        return outcomes;
    }

    private void check(int index, JourneyEvent event, DeclaredStepTypes declaredStepTypes) {
        if (event instanceof CustomStepRecorded custom && !declaredStepTypes.isDeclared(custom.stepType())) {
            throw new StepRuleViolation(index, "custom-step-declared",
                                        "no supply chain map declares the step type " + custom.stepType());
        }
        if (event instanceof LeadHandedOff
                && (firstQualification == null || firstQualification.occurredAt().isAfter(event.occurredAt()))) {
            throw new StepRuleViolation(index, "handoff-requires-qualification", "the lead was not qualified "
                    + (firstQualification == null ? "yet" : "until " + firstQualification.occurredAt())
                    + " but is handed off at " + event.occurredAt());
        }
        if ((event instanceof LeadAccepted || event instanceof LeadRejected)
                && (firstHandoff == null || firstHandoff.occurredAt().isAfter(event.occurredAt()))) {
            throw new StepRuleViolation(index, "response-requires-handoff", "the lead was not handed off "
                    + (firstHandoff == null ? "yet" : "until " + firstHandoff.occurredAt()) + " but "
                    + label(event) + " at " + event.occurredAt());
        }
        if ((event instanceof DealWon || event instanceof DealLost) && dealOutcome != null) {
            throw new StepRuleViolation(index, "deal-outcome-final", "the deal is already "
                    + (dealOutcome instanceof DealWon ? "won" : "lost") + " (step " + dealOutcome.stepId()
                    + "); it cannot be " + (event instanceof DealWon ? "won" : "lost") + " again");
        }
        if (event instanceof CustomerOnboarded && !(dealOutcome instanceof DealWon)) {
            throw new StepRuleViolation(index, "onboarding-requires-won-deal", "the deal is "
                    + (dealOutcome == null ? "not won yet" : "lost"));
        }
        if (event instanceof FeedbackActioned actioned && !feedbackIds.contains(actioned.feedbackId())) {
            throw new StepRuleViolation(index, "feedback-action-requires-feedback", "feedback "
                    + actioned.feedbackId() + " is not recorded on journey " + event.journeyId());
        }
        if (isStageEntry(event)) {
            if (firstOutcome != null && event.occurredAt().isAfter(firstOutcome.occurredAt())) {
                throw new StepRuleViolation(index, "no-step-after-outcome", label(event) + " at "
                        + event.occurredAt() + " is after the journey ended with " + label(firstOutcome) + " at "
                        + firstOutcome.occurredAt());
            }
            if (isOutcome(event) && latestStageEntry != null
                    && latestStageEntry.occurredAt().isAfter(event.occurredAt())) {
                throw new StepRuleViolation(index, "no-step-after-outcome", label(event) + " at "
                        + event.occurredAt() + " would end the journey before " + label(latestStageEntry)
                        + " recorded at " + latestStageEntry.occurredAt());
            }
        }
    }

    static boolean isOutcome(JourneyEvent event) {
        return event instanceof DealWon || event instanceof DealLost || event instanceof LeadDisqualified;
    }

    /** Stage entries end with the outcome; onboarding, feedback and asset use belong after it too. */
    static boolean isStageEntry(JourneyEvent event) {
        return !(event instanceof CustomerOnboarded || event instanceof FeedbackRecorded
                || event instanceof FeedbackActioned || event instanceof AssetUsed);
    }

    private static String label(JourneyEvent event) {
        return event instanceof CustomStepRecorded custom ? custom.stepType() : event.getClass().getSimpleName();
    }

    @EventSourcingHandler
    void on(JourneyEvent event) {
        id = aggregateId(event.journeyId());
        stepIds.add(event.stepId());
        if (event instanceof LeadQualified qualified && (firstQualification == null
                || qualified.occurredAt().isBefore(firstQualification.occurredAt()))) {
            firstQualification = qualified;
        }
        if (event instanceof LeadHandedOff handoff
                && (firstHandoff == null || handoff.occurredAt().isBefore(firstHandoff.occurredAt()))) {
            firstHandoff = handoff;
        }
        if ((event instanceof DealWon || event instanceof DealLost) && dealOutcome == null) {
            dealOutcome = event;
        }
        if (isOutcome(event) && (firstOutcome == null || event.occurredAt().isBefore(firstOutcome.occurredAt()))) {
            firstOutcome = event;
        }
        if (isStageEntry(event)
                && (latestStageEntry == null || event.occurredAt().isAfter(latestStageEntry.occurredAt()))) {
            latestStageEntry = event;
        }
        if (event instanceof FeedbackRecorded feedback) {
            feedbackIds.add(feedback.feedbackId());
        }
    }
}

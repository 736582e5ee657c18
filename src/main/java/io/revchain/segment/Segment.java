package io.revchain.segment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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

@Aggregate
class Segment {

    static final String PREFIX = "segment:";

    @AggregateIdentifier
    private String id;
    private boolean profiled;
    private String profiledBy;
    private final Set<String> stepIds = new HashSet<>();

    Segment() {
    }

    static String aggregateId(String segmentId) {
        return PREFIX + segmentId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<StepOutcome> handle(RecordSegmentSteps command) {
        List<StepOutcome> outcomes = new ArrayList<>(command.steps().size());
        for (int i = 0; i < command.steps().size(); i++) {
            SegmentStep step = command.steps().get(i);
            if (stepIds.contains(step.stepId())) {
                outcomes.add(StepOutcome.DUPLICATE);
                continue;
            }
            if (step instanceof ProfileSegment && profiled) {
                throw new StepRuleViolation(i, "segment-profiled-once", "segment " + command.segmentId()
                        + " was already profiled by step " + profiledBy + "; send SegmentProfileRevised to change it");
            }
            if (step instanceof ReviseSegmentProfile && !profiled) {
                throw new StepRuleViolation(i, "revision-requires-profiled-segment", "segment "
                        + command.segmentId() + " has not been profiled");
            }
            apply(step.toEvent(command.segmentId()));
            outcomes.add(StepOutcome.RECORDED);
        }
        return outcomes;
    }

    @EventSourcingHandler
    void on(SegmentEvent event) {
        id = aggregateId(event.segmentId());
        stepIds.add(event.stepId());
        if (event instanceof SegmentProfiled) {
            profiled = true;
            profiledBy = event.stepId();
        }
    }
}

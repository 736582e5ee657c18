package io.revchain.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.revchain.segment.SegmentDirectory;
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
class Campaign {

    static final String PREFIX = "campaign:";

    @AggregateIdentifier
    private String id;
    private String launchedBy;
    private CampaignClosed closed;
    private AssetPublished latestAsset;
    private final Set<String> stepIds = new HashSet<>();

    Campaign() {
    }

    static String aggregateId(String campaignId) {
        return PREFIX + campaignId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    List<StepOutcome> handle(RecordCampaignSteps command, SegmentDirectory segments) {
        List<StepOutcome> outcomes = new ArrayList<>(command.steps().size());
        for (int i = 0; i < command.steps().size(); i++) {
            CampaignStep step = command.steps().get(i);
            if (stepIds.contains(step.stepId())) {
                outcomes.add(StepOutcome.DUPLICATE);
                continue;
            }
            CampaignEvent event = step.toEvent(command.campaignId());
            check(i, event, segments);
            apply(event);
            outcomes.add(StepOutcome.RECORDED);
        }
        return outcomes;
    }

    private void check(int index, CampaignEvent event, SegmentDirectory segments) {
        String campaign = "campaign " + event.campaignId();
        if (event instanceof CampaignLaunched launched) {
            if (launchedBy != null) {
                throw new StepRuleViolation(index, "campaign-launched-once",
                                            campaign + " was already launched by step " + launchedBy);
            }
            if (launched.segmentId() == null || !segments.isProfiled(launched.segmentId())) {
                throw new StepRuleViolation(index, "campaign-requires-profiled-segment", "segment "
                        + launched.segmentId() + " of " + campaign + " has not been profiled");
            }
        } else if (event instanceof AssetPublished asset) {
            if (launchedBy == null) {
                throw new StepRuleViolation(index, "asset-requires-open-campaign",
                                            campaign + " has not been launched");
            }
            if (closed != null && asset.occurredAt().isAfter(closed.occurredAt())) {
                throw new StepRuleViolation(index, "asset-requires-open-campaign", "asset " + asset.assetId()
                        + " at " + asset.occurredAt() + " is after " + campaign + " closed at "
                        + closed.occurredAt());
            }
        } else if (event instanceof CampaignClosed close) {
            if (launchedBy == null) {
                throw new StepRuleViolation(index, "close-requires-launched-campaign",
                                            campaign + " has not been launched");
            }
            if (closed != null) {
                throw new StepRuleViolation(index, "campaign-closed-once",
                                            campaign + " was already closed by step " + closed.stepId());
            }
            if (latestAsset != null && latestAsset.occurredAt().isAfter(close.occurredAt())) {
                throw new StepRuleViolation(index, "asset-requires-open-campaign", campaign + " cannot close at "
                        + close.occurredAt() + ": asset " + latestAsset.assetId() + " was published later, at "
                        + latestAsset.occurredAt());
            }
        }
    }

    @EventSourcingHandler
    void on(CampaignEvent event) {
        id = aggregateId(event.campaignId());
        stepIds.add(event.stepId());
        if (event instanceof CampaignLaunched) {
            launchedBy = event.stepId();
        } else if (event instanceof CampaignClosed close) {
            closed = close;
        } else if (event instanceof AssetPublished asset
                && (latestAsset == null || asset.occurredAt().isAfter(latestAsset.occurredAt()))) {
            latestAsset = asset;
        }
    }
}

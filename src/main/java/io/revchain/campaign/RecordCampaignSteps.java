package io.revchain.campaign;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records steps of one campaign in order, in one go: the unit the step intake dispatches per campaign. */
public record RecordCampaignSteps(String campaignId, List<CampaignStep> steps) {

    public RecordCampaignSteps {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a command records at least one step");
        }
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Campaign.aggregateId(campaignId);
    }
}

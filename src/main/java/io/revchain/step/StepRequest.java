package io.revchain.step;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One step of the chain as integrations and imports send it. Exactly one of {@code journeyId}, {@code segmentId},
 * {@code campaignId} names the object the step belongs to. {@code occurredAt} is kept as text so that a bad timestamp
 * is reported as a field error rather than failing the whole body.
 */
@Schema(description = "One step of the chain (docs/api-steps.md): exactly one of journeyId, segmentId and "
        + "campaignId names the object it belongs to, the one its type requires")
public record StepRequest(
        @Schema(description = "Your id of the step, at most 200 characters: the idempotency key",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "crm-activity-81731")
        String stepId,
        @Schema(description = "The event to record (LeadCaptured, LeadQualified, DealWon, ...), or a custom type a "
                + "map declares", requiredMode = Schema.RequiredMode.REQUIRED, example = "LeadQualified")
        String type,
        @Schema(description = "Business time: an ISO-8601 instant, an offset date-time, or a date (the start of that "
                + "day in UTC); years 1900 through 2199", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "2025-07-03T15:00:00Z")
        String occurredAt,
        @Schema(description = "The journey (a lead becoming a customer) the step belongs to", example = "lead-4711")
        String journeyId,
        @Schema(description = "The segment the step belongs to (SegmentProfiled, SegmentProfileRevised)",
                example = "smb-eu")
        String segmentId,
        @Schema(description = "The campaign the step belongs to (CampaignLaunched, AssetPublished, CampaignClosed)",
                example = "spring-webinar")
        String campaignId,
        @Schema(description = "String, number or boolean values: the fields the type reads (score, amount, "
                + "reason...) and any other attribute (owner, currency, product, region...)",
                example = "{\"score\": 72, \"owner\": \"ana\"}")
        Map<String, Object> attributes) {

    public StepRequest {
        attributes = attributes == null ? Map.of() : attributes;
    }
}

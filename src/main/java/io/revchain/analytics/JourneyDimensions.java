package io.revchain.analytics;

/**
 * A journey's grouping dimensions under a cut; null when no visible step carries one. Channel, segment and campaign
 * are origin attributes: the earliest visible step (occurredAt, then recordSeq) carrying "channel", "segmentId",
 * "campaignId" wins. Owner is the current assignment: the latest visible step carrying it wins, where a LeadHandedOff
 * step's "to" takes precedence over its own "owner".
 */
public record JourneyDimensions(String channel, String segment, String campaign, String owner) {

    public static final JourneyDimensions NONE = new JourneyDimensions(null, null, null, null);
}

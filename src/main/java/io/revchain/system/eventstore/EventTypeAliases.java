package io.revchain.system.eventstore;

import java.util.HashMap;
import java.util.Map;

/**
 * The names events are stored under: an alias per event class, instead of its full class name (say
 * {@code LeadCaptured} for {@code io.revchain.journey.LeadCaptured}), which is most of an event document's type
 * field and of nothing else. The table is part of the stored format, so it only grows: an alias keeps naming its
 * class when the class moves or is renamed (change the class name on the right, keep the alias), and a new event
 * class gets a new alias. A class without an alias is stored under its full name, and a full name read from the
 * store (every event stored before this table existed) is taken as it is: both forms load.
 */
final class EventTypeAliases {

    private static final Map<String, String> CLASS_OF = Map.ofEntries(
            Map.entry("AssetPublished", "io.revchain.campaign.AssetPublished"),
            Map.entry("CampaignClosed", "io.revchain.campaign.CampaignClosed"),
            Map.entry("CampaignLaunched", "io.revchain.campaign.CampaignLaunched"),
            Map.entry("ApiKeyIssued", "io.revchain.identity.ApiKeyIssued"),
            Map.entry("ApiKeyRevoked", "io.revchain.identity.ApiKeyRevoked"),
            Map.entry("UserDisabled", "io.revchain.identity.UserDisabled"),
            Map.entry("UserPasswordReset", "io.revchain.identity.UserPasswordReset"),
            Map.entry("UserRegistered", "io.revchain.identity.UserRegistered"),
            Map.entry("UserRolesChanged", "io.revchain.identity.UserRolesChanged"),
            Map.entry("AssetUsed", "io.revchain.journey.AssetUsed"),
            Map.entry("CustomStepRecorded", "io.revchain.journey.CustomStepRecorded"),
            Map.entry("CustomerOnboarded", "io.revchain.journey.CustomerOnboarded"),
            Map.entry("DealLost", "io.revchain.journey.DealLost"),
            Map.entry("DealWon", "io.revchain.journey.DealWon"),
            Map.entry("FeedbackActioned", "io.revchain.journey.FeedbackActioned"),
            Map.entry("FeedbackRecorded", "io.revchain.journey.FeedbackRecorded"),
            Map.entry("LeadAccepted", "io.revchain.journey.LeadAccepted"),
            Map.entry("LeadCaptured", "io.revchain.journey.LeadCaptured"),
            Map.entry("LeadDisqualified", "io.revchain.journey.LeadDisqualified"),
            Map.entry("LeadHandedOff", "io.revchain.journey.LeadHandedOff"),
            Map.entry("LeadQualified", "io.revchain.journey.LeadQualified"),
            Map.entry("LeadRejected", "io.revchain.journey.LeadRejected"),
            Map.entry("OpportunityAdvanced", "io.revchain.journey.OpportunityAdvanced"),
            Map.entry("OpportunityOpened", "io.revchain.journey.OpportunityOpened"),
            Map.entry("DefinitionAgreed", "io.revchain.map.DefinitionAgreed"),
            Map.entry("DefinitionProposed", "io.revchain.map.DefinitionProposed"),
            Map.entry("MapDefined", "io.revchain.map.MapDefined"),
            Map.entry("MapRevised", "io.revchain.map.MapRevised"),
            Map.entry("SegmentProfileRevised", "io.revchain.segment.SegmentProfileRevised"),
            Map.entry("SegmentProfiled", "io.revchain.segment.SegmentProfiled"),
            Map.entry("ActionItemAssigned", "io.revchain.session.ActionItemAssigned"),
            Map.entry("ActionItemCompleted", "io.revchain.session.ActionItemCompleted"),
            Map.entry("DecisionRecorded", "io.revchain.session.DecisionRecorded"),
            Map.entry("MappingSessionClosed", "io.revchain.session.MappingSessionClosed"),
            Map.entry("MappingSessionOpened", "io.revchain.session.MappingSessionOpened"),
            Map.entry("TargetAgreed", "io.revchain.target.TargetAgreed"),
            Map.entry("TargetProposed", "io.revchain.target.TargetProposed"));

    private static final Map<String, String> ALIAS_OF = new HashMap<>();

    static {
        CLASS_OF.forEach((alias, className) -> ALIAS_OF.put(className, alias));
    }

    private EventTypeAliases() {
    }

    /** The name to store for this class name: its alias, or the class name when it has none. */
    static String stored(String className) {
        return ALIAS_OF.getOrDefault(className, className);
    }

    /** The class name of a stored type name, alias or full name. */
    static String className(String stored) {
        return stored == null ? null : CLASS_OF.getOrDefault(stored, stored);
    }

    static Map<String, String> table() {
        return CLASS_OF;
    }
}

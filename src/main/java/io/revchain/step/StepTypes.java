package io.revchain.step;

import io.revchain.campaign.CloseCampaign;
import io.revchain.campaign.LaunchCampaign;
import io.revchain.campaign.PublishAsset;
import io.revchain.journey.AcceptLead;
import io.revchain.journey.ActionFeedback;
import io.revchain.journey.AdvanceOpportunity;
import io.revchain.journey.CaptureLead;
import io.revchain.journey.DisqualifyLead;
import io.revchain.journey.HandOffLead;
import io.revchain.journey.LoseDeal;
import io.revchain.journey.OnboardCustomer;
import io.revchain.journey.OpenOpportunity;
import io.revchain.journey.QualifyLead;
import io.revchain.journey.RecordCustomStep;
import io.revchain.journey.RecordFeedback;
import io.revchain.journey.RejectLead;
import io.revchain.journey.UseAsset;
import io.revchain.journey.WinDeal;
import io.revchain.segment.ProfileSegment;
import io.revchain.segment.ReviseSegmentProfile;
import io.revchain.step.StepTarget.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The step types of the intake API: each {@code type} is the name of the event it records, names the kind of object
 * it belongs to, and reads its typed fields from the step's attributes. See docs/api-steps.md.
 */
final class StepTypes {

    /** Builds the command step; problems with attributes are recorded by {@link StepAttributes}. */
    @FunctionalInterface
    interface Builder {
        Object build(String stepId, Instant occurredAt, StepAttributes a);
    }

    record StepType(String name, Kind target, Builder builder) {
    }

    private static final Map<String, StepType> BUILT_IN = new LinkedHashMap<>();

    static {
        add("SegmentProfiled", Kind.SEGMENT, (id, at, a) -> new ProfileSegment(id, at, a.required("name"), a.rest()));
        add("SegmentProfileRevised", Kind.SEGMENT, (id, at, a) -> {
            ReviseSegmentProfile revision = new ReviseSegmentProfile(id, at, a.text("name"), a.rest());
            if (revision.name() == null && revision.attributes().isEmpty()) {
                a.error("name", "a revision must change the name or at least one attribute");
            }
            return revision;
        });
        add("CampaignLaunched", Kind.CAMPAIGN,
            (id, at, a) -> new LaunchCampaign(id, at, a.required("segment"), a.text("name"), a.text("channel"),
                                              a.amount("budget"), a.rest()));
        add("AssetPublished", Kind.CAMPAIGN,
            (id, at, a) -> new PublishAsset(id, at, a.required("assetId"), a.text("kind"), a.rest()));
        add("CampaignClosed", Kind.CAMPAIGN, (id, at, a) -> new CloseCampaign(id, at, a.rest()));

        add("LeadCaptured", Kind.JOURNEY,
            (id, at, a) -> new CaptureLead(id, at, a.text("segment"), a.text("campaign"), a.text("channel"),
                                           a.text("source"), a.rest()));
        add("LeadQualified", Kind.JOURNEY, (id, at, a) -> new QualifyLead(id, at, a.score("score"), a.rest()));
        add("LeadDisqualified", Kind.JOURNEY,
            (id, at, a) -> new DisqualifyLead(id, at, a.text("reason"), a.rest()));
        add("LeadHandedOff", Kind.JOURNEY, (id, at, a) -> new HandOffLead(id, at, a.text("to"), a.rest()));
        add("LeadAccepted", Kind.JOURNEY, (id, at, a) -> new AcceptLead(id, at, a.rest()));
        add("LeadRejected", Kind.JOURNEY, (id, at, a) -> new RejectLead(id, at, a.text("reason"), a.rest()));
        add("OpportunityOpened", Kind.JOURNEY,
            (id, at, a) -> new OpenOpportunity(id, at, a.amount("amount"), a.rest()));
        add("OpportunityAdvanced", Kind.JOURNEY,
            (id, at, a) -> new AdvanceOpportunity(id, at, a.required("salesStage"), a.rest()));
        add("AssetUsed", Kind.JOURNEY, (id, at, a) -> new UseAsset(id, at, a.required("assetId"), a.rest()));
        add("DealWon", Kind.JOURNEY, (id, at, a) -> new WinDeal(id, at, a.amount("amount"), a.rest()));
        add("DealLost", Kind.JOURNEY,
            (id, at, a) -> new LoseDeal(id, at, a.text("reason"), a.text("competitor"), a.rest()));
        add("CustomerOnboarded", Kind.JOURNEY, (id, at, a) -> new OnboardCustomer(id, at, a.rest()));
        add("FeedbackRecorded", Kind.JOURNEY,
            (id, at, a) -> new RecordFeedback(id, at, a.score("score"), a.text("sentiment"), a.text("topic"),
                                              a.text("comment"), a.rest()));
        add("FeedbackActioned", Kind.JOURNEY, (id, at, a) -> {
            ActionFeedback action = new ActionFeedback(id, at, a.required("feedbackId"), a.text("segment"),
                                                       a.text("campaign"), a.required("action"), a.rest());
            if (action.segmentId() == null && action.campaignId() == null) {
                a.error("segment", "FeedbackActioned needs the segment or the campaign that marketing changed");
            }
            return action;
        });
    }

    private StepTypes() {
    }

    private static void add(String name, Kind target, Builder builder) {
        BUILT_IN.put(name, new StepType(name, target, builder));
    }

    /** The built-in type within two typing mistakes (case aside) of the given name, if any. */
    static String closestBuiltIn(String name) {
        String closest = null;
        int best = 3;
        for (String candidate : BUILT_IN.keySet()) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        return closest;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) >= 3) {
            return 3;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The built-in type of that name, else a custom journey step if a map declares it, else null. */
    static StepType find(String name, io.revchain.map.DeclaredStepTypes declared) {
        StepType type = BUILT_IN.get(name);
        if (type != null) {
            return type;
        }
        return declared.isDeclared(name)
                ? new StepType(name, Kind.JOURNEY, (id, at, a) -> new RecordCustomStep(id, at, name, a.rest()))
                : null;
    }
}

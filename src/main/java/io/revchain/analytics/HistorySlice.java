package io.revchain.analytics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of history an export of a window holds, and how its objects relate (docs/export.md). Pure: the XES and
 * OCEL writers only serialize it.
 * <ul>
 * <li><b>Journeys</b>: every journey <em>active in the window</em> under the cut and passing the filters: it has a
 * visible step in the window, or it was still open at the window's start (a visible step before {@code from} and no
 * visible closing outcome, DealWon, DealLost or LeadDisqualified, before it). Each with <b>all</b> its visible steps,
 * before, in and after the window: the figures of the window need them (a transition arriving in the window starts
 * before it; a cohort converts after it), so a window's export reproduces its figures.</li>
 * <li><b>Campaigns, segments, assets</b>: the ones the exported journeys relate to, and what those relate to in
 * turn (a campaign's segment and published assets, an asset's campaign), each with all its visible steps.</li>
 * </ul>
 */
public record HistorySlice(List<JourneyFlow> journeys, List<ObjectSteps> campaigns, List<ObjectSteps> segments,
                           List<Asset> assets) {

    /** The kinds of object an export holds; an object's id is {@code <kind>:<id>}. */
    public enum Kind {
        JOURNEY("journey"), CAMPAIGN("campaign"), SEGMENT("segment"), ASSET("asset");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public record ObjectRef(Kind kind, String id) {

        /** The object's id in an object-centric log: {@code journey:L-1}, {@code campaign:c1}... */
        public String key() {
            return kind.prefix + ":" + id;
        }
    }

    /** A qualified relationship to an object (event-to-object or object-to-object). */
    public record Relation(ObjectRef object, String qualifier) {
    }

    /** A campaign or a segment and its visible steps in timeline order (none when revchain never recorded one). */
    public record ObjectSteps(String id, List<StepFact> steps) {

        public ObjectSteps {
            steps = List.copyOf(steps);
        }
    }

    /** An asset: published by {@code campaignId} as {@code kind} at {@code publishedAt}, or only ever used (nulls). */
    public record Asset(String assetId, String campaignId, String kind, Instant publishedAt) {
    }

    public static final String JOURNEY = "journey";
    public static final String CAMPAIGN = "campaign";
    public static final String TOUCH = "touch";
    public static final String SEGMENT = "segment";
    public static final String ASSET_USED = "asset used";
    public static final String ASSET_PUBLISHED = "asset published";
    public static final String CHANGED_SEGMENT = "changed segment";
    public static final String CHANGED_CAMPAIGN = "changed campaign";
    public static final String PUBLISHED_BY = "published by";

    /** Journeys are exported whole, not against a map: no stage is entered. */
    private static final FlowMap NO_STAGES = new FlowMap("export", 0, List.of(), List.of());
    private static final Comparator<StepFact> TIMELINE = JourneyTimeline.TIMELINE_ORDER;

    public HistorySlice {
        journeys = List.copyOf(journeys);
        campaigns = List.copyOf(campaigns);
        segments = List.copyOf(segments);
        assets = List.copyOf(assets);
    }

    public static HistorySlice of(Collection<JourneyFacts> journeyFacts, Collection<CampaignFacts> campaignFacts,
                                  Collection<SegmentFacts> segmentFacts, Window window, Cut cut,
                                  JourneyFilter filter) {
        List<JourneyFlow> journeys = new ArrayList<>();
        for (JourneyTimeline timeline : JourneyTimeline.ofAll(journeyFacts, NO_STAGES)) {
            JourneyFlow flow = timeline.under(cut);
            if (!flow.steps().isEmpty() && active(flow.steps(), window) && filter.accepts(flow)) {
                journeys.add(flow);
            }
        }
        journeys.sort(Comparator.comparing(JourneyFlow::journeyId));

        Map<String, List<StepFact>> campaignSteps = visible(campaignFacts.stream()
                .map(c -> new ObjectSteps(c.campaignId(), c.steps())).toList(), cut);
        Map<String, List<StepFact>> segmentSteps = visible(segmentFacts.stream()
                .map(s -> new ObjectSteps(s.segmentId(), s.steps())).toList(), cut);
        Map<String, Asset> published = published(campaignSteps);

        Set<ObjectRef> seen = new LinkedHashSet<>();
        Deque<ObjectRef> pending = new ArrayDeque<>();
        for (JourneyFlow journey : journeys) {
            for (StepFact step : journey.steps()) {
                relations(journey, step).forEach(r -> reach(r.object(), seen, pending));
            }
            links(journey).forEach(r -> reach(r.object(), seen, pending));
        }
        while (!pending.isEmpty()) {
            ObjectRef next = pending.poll();
            if (next.kind() == Kind.CAMPAIGN) {
                List<StepFact> steps = campaignSteps.getOrDefault(next.id(), List.of());
                for (StepFact step : steps) {
                    campaignRelations(next.id(), step).forEach(r -> reach(r.object(), seen, pending));
                }
                links(new ObjectSteps(next.id(), steps)).forEach(r -> reach(r.object(), seen, pending));
            } else if (next.kind() == Kind.ASSET) {
                Asset asset = published.get(next.id());
                if (asset != null) {
                    links(asset).forEach(r -> reach(r.object(), seen, pending));
                }
            }
        }
        List<ObjectSteps> campaigns = new ArrayList<>();
        List<ObjectSteps> segments = new ArrayList<>();
        List<Asset> assets = new ArrayList<>();
        for (ObjectRef ref : seen.stream().sorted(Comparator.comparing(ObjectRef::key)).toList()) {
            switch (ref.kind()) {
                case CAMPAIGN -> campaigns.add(new ObjectSteps(ref.id(),
                                                               campaignSteps.getOrDefault(ref.id(), List.of())));
                case SEGMENT -> segments.add(new ObjectSteps(ref.id(), segmentSteps.getOrDefault(ref.id(),
                                                                                                  List.of())));
                case ASSET -> assets.add(published.getOrDefault(ref.id(), new Asset(ref.id(), null, null, null)));
                default -> throw new IllegalStateException("journeys are selected, not reached");
            }
        }
        return new HistorySlice(journeys, campaigns, segments, assets);
    }

    /**
     * Active in the window: a visible step in it, or open at its start (a visible step before {@code from} and no
     * visible closing outcome before {@code from}). Steps are in timeline order.
     */
    static boolean active(List<StepFact> steps, Window window) {
        if (window.from() == null && window.to() == null) {
            return true;
        }
        boolean before = false;
        boolean closedBefore = false;
        for (StepFact step : steps) {
            if (window.contains(step.occurredAt())) {
                return true;
            }
            if (window.from() != null && step.occurredAt().isBefore(window.from())) {
                before = true;
                closedBefore |= FlowStage.CLOSING_STEPS.contains(step.type());
            }
        }
        return before && !closedBefore;
    }

    /** The objects a journey step relates to, qualified (docs/export.md, relationships). */
    public static List<Relation> relations(JourneyFlow journey, StepFact step) {
        List<Relation> relations = new ArrayList<>(3);
        relations.add(new Relation(new ObjectRef(Kind.JOURNEY, journey.journeyId()), JOURNEY));
        String campaign = journey.dimensions().campaign();
        if (campaign != null) {
            relations.add(new Relation(new ObjectRef(Kind.CAMPAIGN, campaign), CAMPAIGN));
        }
        if ("FeedbackActioned".equals(step.type())) {
            add(relations, Kind.SEGMENT, step.attribute("segmentId"), CHANGED_SEGMENT);
            add(relations, Kind.CAMPAIGN, step.attribute("campaignId"), CHANGED_CAMPAIGN);
        } else {
            String named = step.attribute("campaignId");
            if (named != null && !named.equals(campaign)) {
                relations.add(new Relation(new ObjectRef(Kind.CAMPAIGN, named), TOUCH));
            }
        }
        if ("AssetUsed".equals(step.type())) {
            add(relations, Kind.ASSET, step.attribute("assetId"), ASSET_USED);
        }
        return relations;
    }

    /** The objects a campaign step relates to: the campaign, a launch's segment, a publication's asset. */
    public static List<Relation> campaignRelations(String campaignId, StepFact step) {
        List<Relation> relations = new ArrayList<>(2);
        relations.add(new Relation(new ObjectRef(Kind.CAMPAIGN, campaignId), CAMPAIGN));
        if ("CampaignLaunched".equals(step.type())) {
            add(relations, Kind.SEGMENT, step.attribute("segmentId"), SEGMENT);
        } else if ("AssetPublished".equals(step.type())) {
            add(relations, Kind.ASSET, step.attribute("assetId"), ASSET_PUBLISHED);
        }
        return relations;
    }

    /** A segment step relates to its segment. */
    public static List<Relation> segmentRelations(String segmentId) {
        return List.of(new Relation(new ObjectRef(Kind.SEGMENT, segmentId), SEGMENT));
    }

    /** Object-to-object: a journey to its campaign and its segment (the journey's dimensions, section 1). */
    public static List<Relation> links(JourneyFlow journey) {
        List<Relation> links = new ArrayList<>(2);
        add(links, Kind.CAMPAIGN, journey.dimensions().campaign(), CAMPAIGN);
        add(links, Kind.SEGMENT, journey.dimensions().segment(), SEGMENT);
        return links;
    }

    /** Object-to-object: a campaign to the segment its first visible launch names. */
    public static List<Relation> links(ObjectSteps campaign) {
        for (StepFact step : campaign.steps()) {
            if ("CampaignLaunched".equals(step.type())) {
                List<Relation> links = new ArrayList<>(1);
                add(links, Kind.SEGMENT, step.attribute("segmentId"), SEGMENT);
                return links;
            }
        }
        return List.of();
    }

    /** Object-to-object: an asset to the campaign that published it. */
    public static List<Relation> links(Asset asset) {
        List<Relation> links = new ArrayList<>(1);
        add(links, Kind.CAMPAIGN, asset.campaignId(), PUBLISHED_BY);
        return links;
    }

    /** A value an object had from {@code time} on (an object attribute of an object-centric log). */
    public record ObjectValue(String name, String value, Instant time) {
    }

    /**
     * A step's attributes as the step API names them, sorted: the analytics keys "segmentId"/"campaignId" are the
     * step's "segment"/"campaign" (a typed field, or an alias of the attribute of that name, left out).
     */
    public static Map<String, String> apiAttributes(StepFact step) {
        Map<String, String> attributes = new TreeMap<>();
        step.attributes().forEach((name, value) -> {
            String api = switch (name) {
                case "segmentId" -> step.attributes().containsKey(SEGMENT) ? null : SEGMENT;
                case "campaignId" -> step.attributes().containsKey(CAMPAIGN) ? null : CAMPAIGN;
                default -> name;
            };
            if (api != null) {
                attributes.putIfAbsent(api, value);
            }
        });
        return attributes;
    }

    /**
     * A campaign's or segment's step's attributes as the step API names them, without the id of the object the
     * step belongs to (it is the event's object, not an attribute).
     */
    public static Map<String, String> objectStepAttributes(StepFact step) {
        Map<String, String> attributes = apiAttributes(step);
        attributes.remove(CAMPAIGN);
        return attributes;
    }

    /**
     * A journey's values over time: {@code channel} and {@code source} as first stated (origin, section 1), and
     * {@code owner} at every change (a LeadHandedOff's "to" first, as the owner dimension).
     */
    public static List<ObjectValue> values(JourneyFlow journey) {
        List<ObjectValue> values = new ArrayList<>();
        String channel = null;
        String source = null;
        String owner = null;
        for (StepFact step : journey.steps()) {
            if (channel == null && step.attribute("channel") != null) {
                channel = step.attribute("channel");
                values.add(new ObjectValue("channel", channel, step.occurredAt()));
            }
            if (source == null && step.attribute("source") != null) {
                source = step.attribute("source");
                values.add(new ObjectValue("source", source, step.occurredAt()));
            }
            String stated = "LeadHandedOff".equals(step.type()) && step.attribute("to") != null
                    ? step.attribute("to") : step.attribute("owner");
            if (stated != null && !stated.equals(owner)) {
                owner = stated;
                values.add(new ObjectValue("owner", owner, step.occurredAt()));
            }
        }
        return values;
    }

    /**
     * A campaign's or segment's values over time: what each of its steps states (a launch's name, channel, budget;
     * a profile and each revision's changed attributes), at that step's time; links (segment, asset) are not values.
     */
    public static List<ObjectValue> values(ObjectSteps object) {
        List<ObjectValue> values = new ArrayList<>();
        Map<String, String> current = new HashMap<>();
        for (StepFact step : object.steps()) {
            if ("AssetPublished".equals(step.type()) || "CampaignClosed".equals(step.type())) {
                continue;
            }
            objectStepAttributes(step).forEach((name, value) -> {
                if (!SEGMENT.equals(name) && !value.equals(current.put(name, value))) {
                    values.add(new ObjectValue(name, value, step.occurredAt()));
                }
            });
        }
        return values;
    }

    /** An asset's kind, from its publication. */
    public static List<ObjectValue> values(Asset asset) {
        return asset.kind() == null || asset.publishedAt() == null ? List.of()
                : List.of(new ObjectValue("kind", asset.kind(), asset.publishedAt()));
    }

    /** Every exported event: the journeys' visible steps, then the campaigns', then the segments'. */
    public long events() {
        long events = 0;
        for (JourneyFlow journey : journeys) {
            events += journey.steps().size();
        }
        for (ObjectSteps campaign : campaigns) {
            events += campaign.steps().size();
        }
        for (ObjectSteps segment : segments) {
            events += segment.steps().size();
        }
        return events;
    }

    private static void add(List<Relation> relations, Kind kind, String id, String qualifier) {
        if (id != null) {
            relations.add(new Relation(new ObjectRef(kind, id), qualifier));
        }
    }

    private static void reach(ObjectRef ref, Set<ObjectRef> seen, Deque<ObjectRef> pending) {
        if (ref.kind() != Kind.JOURNEY && seen.add(ref)) {
            pending.add(ref);
        }
    }

    private static Map<String, List<StepFact>> visible(List<ObjectSteps> objects, Cut cut) {
        Map<String, List<StepFact>> visible = new HashMap<>();
        for (ObjectSteps object : objects) {
            List<StepFact> steps = new ArrayList<>(object.steps().size());
            for (StepFact step : object.steps()) {
                if (cut.sees(step)) {
                    steps.add(step);
                }
            }
            steps.sort(TIMELINE);
            visible.put(object.id(), steps);
        }
        return visible;
    }

    /** Each asset's first visible publication (timeline order), across campaigns. */
    private static Map<String, Asset> published(Map<String, List<StepFact>> campaignSteps) {
        Map<String, Asset> assets = new TreeMap<>();
        Map<String, StepFact> first = new HashMap<>();
        campaignSteps.forEach((campaignId, steps) -> {
            for (StepFact step : steps) {
                String assetId = step.attribute("assetId");
                if ("AssetPublished".equals(step.type()) && assetId != null) {
                    StepFact earlier = first.get(assetId);
                    if (earlier == null || TIMELINE.compare(step, earlier) < 0) {
                        first.put(assetId, step);
                        assets.put(assetId, new Asset(assetId, campaignId, step.attribute("kind"),
                                                      step.occurredAt()));
                    }
                }
            }
        });
        return assets;
    }
}

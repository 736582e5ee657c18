package io.revchain.analytics.export;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * What an export of a window must hold, worked out independently of revchain's facts and analytics: from the raw
 * event documents in MongoDB (payload and record time), by the rules docs/export.md states, written out again here.
 */
final class StoreModel {

    /** A step as the store holds it. */
    record Step(long sequence, String kind, String objectId, String type, String stepId, Instant occurredAt,
                Instant recordedAt, Map<String, String> fields) {

        String field(String name) {
            String value = fields.get(name);
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** The expected export: object ids by type, event ids, and the qualified relationships. */
    record Expected(Map<String, Set<String>> objects, Set<String> events, List<String> eventRelations,
                    List<String> objectRelations, List<String> journeys) {
    }

    private static final Set<String> CLOSING = Set.of("DealWon", "DealLost", "LeadDisqualified");

    private final List<Step> steps = new ArrayList<>();

    StoreModel(MongoDatabase database) {
        for (Document event : database.getCollection("events").find()) {
            String payloadType = className(event.getString("payloadType"));
            if (payloadType == null) {
                continue;
            }
            String kind = payloadType.startsWith("io.revchain.journey.") ? "journey"
                    : payloadType.startsWith("io.revchain.campaign.") ? "campaign"
                    : payloadType.startsWith("io.revchain.segment.") ? "segment" : null;
            Document payload = event.get("payload", Document.class);
            if (kind == null || payload == null || payload.getString("stepId") == null) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            Document attributes = payload.get("attributes", Document.class);
            if (attributes != null) {
                attributes.forEach((k, v) -> fields.put(k, v == null ? null : v.toString()));
            }
            payload.forEach((k, v) -> {
                if (v != null && !(v instanceof Document) && !k.equals("attributes")) {
                    fields.put(k, v.toString());
                }
            });
            String simple = payloadType.substring(payloadType.lastIndexOf('.') + 1);
            String type = simple.equals("CustomStepRecorded") ? payload.getString("stepType") : simple;
            steps.add(new Step(((Number) event.get("_id")).longValue(), kind, payload.getString(kind + "Id"), type,
                               payload.getString("stepId"), Instant.parse(payload.getString("occurredAt")),
                               event.get("timestamp", Date.class).toInstant(), fields));
        }
        steps.sort(Comparator.comparing(Step::occurredAt).thenComparingLong(Step::sequence));
    }

    /** The export of [from, to) under asOf/knownAt, keeping journeys whose {@code attribute}'s latest value is it. */
    Expected export(Instant from, Instant to, Instant asOf, Instant knownAt, String attribute, String value) {
        Map<String, List<Step>> byObject = new TreeMap<>();
        for (Step step : steps) {
            if (!step.occurredAt().isAfter(asOf) && (knownAt == null || !step.recordedAt().isAfter(knownAt))) {
                byObject.computeIfAbsent(step.kind() + ":" + step.objectId(), k -> new ArrayList<>()).add(step);
            }
        }
        Map<String, Set<String>> objects = new TreeMap<>();
        for (String type : List.of("journey", "campaign", "segment", "asset")) {
            objects.put(type, new TreeSet<>());
        }
        Set<String> events = new TreeSet<>();
        List<String> eventRelations = new ArrayList<>();
        List<String> objectRelations = new ArrayList<>();
        List<String> journeys = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        byObject.forEach((key, visible) -> {
            if (!key.startsWith("journey:") || !active(visible, from, to)) {
                return;
            }
            if (attribute != null && !value.equals(latest(visible, attribute))) {
                return;
            }
            journeys.add(visible.get(0).objectId());
            objects.get("journey").add(key);
            String campaign = earliest(visible, "campaignId", "campaign");
            String segment = earliest(visible, "segmentId", "segment");
            for (Step step : visible) {
                events.add(key + "/" + step.stepId());
                List<String> related = new ArrayList<>();
                related.add(key + " journey");
                if (campaign != null) {
                    related.add("campaign:" + campaign + " campaign");
                }
                String named = step.field("campaignId") != null ? step.field("campaignId") : step.field("campaign");
                if (step.type().equals("FeedbackActioned")) {
                    if (step.field("segmentId") != null) {
                        related.add("segment:" + step.field("segmentId") + " changed segment");
                    }
                    if (named != null) {
                        related.add("campaign:" + named + " changed campaign");
                    }
                } else if (named != null && !named.equals(campaign)) {
                    related.add("campaign:" + named + " touch");
                }
                if (step.type().equals("AssetUsed")) {
                    related.add("asset:" + step.field("assetId") + " asset used");
                }
                for (String relation : related) {
                    eventRelations.add(key + "/" + step.stepId() + " -> " + relation);
                    pending.add(relation.substring(0, relation.indexOf(' ')));
                }
            }
            if (campaign != null) {
                objectRelations.add(key + " -> campaign:" + campaign + " campaign");
                pending.add("campaign:" + campaign);
            }
            if (segment != null) {
                objectRelations.add(key + " -> segment:" + segment + " segment");
                pending.add("segment:" + segment);
            }
        });
        Map<String, String[]> publications = publications(byObject);
        Set<String> reached = new TreeSet<>();
        while (!pending.isEmpty()) {
            String object = pending.remove(pending.size() - 1);
            if (object.startsWith("journey:") || !reached.add(object)) {
                continue;
            }
            String type = object.substring(0, object.indexOf(':'));
            String id = object.substring(object.indexOf(':') + 1);
            objects.get(type).add(object);
            List<Step> own = byObject.getOrDefault(object, List.of());
            if (type.equals("campaign")) {
                String launchSegment = null;
                for (Step step : own) {
                    events.add(object + "/" + step.stepId());
                    eventRelations.add(object + "/" + step.stepId() + " -> " + object + " campaign");
                    if (step.type().equals("CampaignLaunched") && step.field("segmentId") != null) {
                        eventRelations.add(object + "/" + step.stepId() + " -> segment:" + step.field("segmentId")
                                           + " segment");
                        pending.add("segment:" + step.field("segmentId"));
                        launchSegment = launchSegment == null ? step.field("segmentId") : launchSegment;
                    }
                    if (step.type().equals("AssetPublished")) {
                        eventRelations.add(object + "/" + step.stepId() + " -> asset:" + step.field("assetId")
                                           + " asset published");
                        pending.add("asset:" + step.field("assetId"));
                    }
                }
                if (launchSegment != null) {
                    objectRelations.add(object + " -> segment:" + launchSegment + " segment");
                }
            } else if (type.equals("segment")) {
                for (Step step : own) {
                    events.add(object + "/" + step.stepId());
                    eventRelations.add(object + "/" + step.stepId() + " -> " + object + " segment");
                }
            } else if (type.equals("asset") && publications.containsKey(id)) {
                String campaign = publications.get(id)[0];
                objectRelations.add(object + " -> campaign:" + campaign + " published by");
                pending.add("campaign:" + campaign);
            }
        }
        eventRelations.sort(null);
        objectRelations.sort(null);
        return new Expected(objects, events, eventRelations, objectRelations, journeys);
    }

    /** A visible step in the window, or open at its start: a step before it and no closing outcome before it. */
    private static boolean active(List<Step> visible, Instant from, Instant to) {
        boolean before = false;
        boolean closed = false;
        for (Step step : visible) {
            boolean afterFrom = from == null || !step.occurredAt().isBefore(from);
            boolean beforeTo = to == null || step.occurredAt().isBefore(to);
            if (afterFrom && beforeTo) {
                return true;
            }
            if (!afterFrom) {
                before = true;
                closed |= CLOSING.contains(step.type());
            }
        }
        return (from == null && to == null) || (before && !closed);
    }

    private static String earliest(List<Step> visible, String typed, String free) {
        for (Step step : visible) {
            String value = step.field(typed) != null ? step.field(typed) : step.field(free);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String latest(List<Step> visible, String attribute) {
        for (int i = visible.size() - 1; i >= 0; i--) {
            if (visible.get(i).field(attribute) != null) {
                return visible.get(i).field(attribute);
            }
        }
        return null;
    }

    /** assetId -> {campaignId} of its first visible publication. */
    private static Map<String, String[]> publications(Map<String, List<Step>> byObject) {
        Map<String, String[]> first = new LinkedHashMap<>();
        Map<String, Step> at = new HashMap<>();
        byObject.forEach((key, visible) -> {
            for (Step step : visible) {
                if (step.type().equals("AssetPublished")) {
                    Step earlier = at.get(step.field("assetId"));
                    if (earlier == null || step.occurredAt().isBefore(earlier.occurredAt())) {
                        at.put(step.field("assetId"), step);
                        first.put(step.field("assetId"), new String[] {step.objectId()});
                    }
                }
            }
        });
        return first;
    }

    /**
     * Event documents name their type by the class's simple name (the stored alias, docs/operations.md) or, when
     * written before aliases, by its full name.
     */
    private static String className(String stored) {
        if (stored == null || stored.contains(".")) {
            return stored;
        }
        for (String feature : List.of("journey", "campaign", "segment")) {
            String candidate = "io.revchain." + feature + "." + stored;
            try {
                Class.forName(candidate);
                return candidate;
            } catch (ClassNotFoundException e) {
                // another feature's event
            }
        }
        return stored;
    }
}

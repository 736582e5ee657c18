package io.revchain.analytics.visits;

import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyDimensions;
import io.revchain.analytics.StageVisit;
import io.revchain.analytics.Stats;
import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** The read models' documents: flat rows for BI, and the journey state the projection recomputes visits from. */
final class ReadModelDocuments {

    static final String ID = "_id";
    static final String STEPS = "steps";
    static final String VISIT_COUNTS = "visitCounts";
    static final Comparator<StepFact> RECORD_ORDER = Comparator.comparingLong(StepFact::recordSeq)
                                                               .thenComparing(StepFact::stepId);

    private ReadModelDocuments() {
    }

    /** {@code journeyId/stepId}; a '/' or '%' inside an id is percent-encoded so that keys never collide. */
    static String stepKey(String journeyId, String stepId) {
        return escape(journeyId) + "/" + escape(stepId);
    }

    /** {@code mapId/journeyId/visitIndex}; map ids never contain '/'. */
    static String visitKey(String mapId, String journeyId, int visitIndex) {
        return mapId + "/" + escape(journeyId) + "/" + visitIndex;
    }

    static String escape(String id) {
        return id.indexOf('/') < 0 && id.indexOf('%') < 0 ? id : id.replace("%", "%25").replace("/", "%2F");
    }

    /** The owner a step states: a handoff's "to" before its own "owner", as for the journey's owner dimension. */
    static String ownerOf(StepFact step) {
        String to = "LeadHandedOff".equals(step.type()) ? step.attribute("to") : null;
        return to != null ? to : step.attribute("owner");
    }

    static Document stepDocument(String journeyId, StepFact step) {
        return new Document(ID, stepKey(journeyId, step.stepId()))
                .append("journeyId", journeyId)
                .append("stepId", step.stepId())
                .append("type", step.type())
                .append("occurredAt", date(step.occurredAt()))
                .append("recordedAt", date(step.recordedAt()))
                .append("recordSeq", step.recordSeq())
                .append("channel", step.attribute("channel"))
                .append("segmentId", step.attribute("segmentId"))
                .append("campaignId", step.attribute("campaignId"))
                .append("owner", ownerOf(step))
                .append("attributes", new Document(new TreeMap<>(step.attributes())));
    }

    static Document journeyDocument(String journeyId, List<StepFact> steps, JourneyDimensions dimensions,
                                    Map<String, Integer> visitCounts) {
        List<StepFact> ordered = new ArrayList<>(steps);
        ordered.sort(RECORD_ORDER);
        return new Document(ID, journeyId)
                .append("journeyId", journeyId)
                .append("channel", dimensions.channel())
                .append("segmentId", dimensions.segment())
                .append("campaignId", dimensions.campaign())
                .append("owner", dimensions.owner())
                .append("stepCount", ordered.size())
                .append(STEPS, ordered.stream().map(ReadModelDocuments::factDocument).toList())
                .append(VISIT_COUNTS, visitCountsDocument(visitCounts));
    }

    /** Sorted by map id, so that the same counts always give the same document. */
    static List<Document> visitCountsDocument(Map<String, Integer> visitCounts) {
        return new TreeMap<>(visitCounts).entrySet().stream()
                                         .map(e -> new Document("mapId", e.getKey()).append("count", e.getValue()))
                                         .toList();
    }

    /**
     * BSON dates keep milliseconds: the nanoseconds are kept beside them so that a fact reads back exactly. A time
     * beyond the range of BSON dates (about 292 million years either side of 1970; only events stored before the
     * intake refused such times) also keeps its exact second, since its date is clamped.
     */
    static Document factDocument(StepFact step) {
        Document fact = new Document("stepId", step.stepId())
                .append("type", step.type())
                .append("occurredAt", date(step.occurredAt()))
                .append("occurredAtNanos", step.occurredAt().getNano());
        if (clamped(step.occurredAt())) {
            fact.append("occurredAtEpochSecond", step.occurredAt().getEpochSecond());
        }
        return fact.append("recordedAt", date(step.recordedAt()))
                   .append("recordedAtNanos", step.recordedAt().getNano())
                   .append("recordSeq", step.recordSeq())
                   .append("attributes", new Document(new TreeMap<>(step.attributes())));
    }

    static StepFact fact(Document document) {
        Document attributes = document.get("attributes", Document.class);
        Map<String, String> values = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        }
        Number exactSecond = document.get("occurredAtEpochSecond", Number.class);
        int occurredNanos = document.getInteger("occurredAtNanos", -1);
        Instant occurredAt = exactSecond != null
                ? Instant.ofEpochSecond(exactSecond.longValue(), Math.max(0, occurredNanos))
                : instant(document.getDate("occurredAt"), occurredNanos);
        return new StepFact(document.getString("stepId"), document.getString("type"), occurredAt,
                            instant(document.getDate("recordedAt"), document.getInteger("recordedAtNanos", -1)),
                            document.get("recordSeq", Number.class).longValue(), values);
    }

    static List<StepFact> facts(Document journey) {
        List<StepFact> facts = new ArrayList<>();
        for (Document step : journey.getList(STEPS, Document.class, List.of())) {
            facts.add(fact(step));
        }
        return facts;
    }

    static Map<String, Integer> visitCounts(Document journey) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Document count : journey.getList(VISIT_COUNTS, Document.class, List.of())) {
            counts.put(count.getString("mapId"), count.get("count", Number.class).intValue());
        }
        return counts;
    }

    static Document visitDocument(FlowMap map, StageVisit visit, JourneyDimensions dimensions) {
        FlowStage stage = map.stage(visit.stageId()).orElseThrow();
        return new Document(ID, visitKey(map.mapId(), visit.journeyId(), visit.index()))
                .append("mapId", map.mapId())
                .append("mapVersion", map.version())
                .append("journeyId", visit.journeyId())
                .append("stageId", stage.stageId())
                .append("stageName", stage.name())
                .append("stageOwner", stage.owner())
                .append("visitIndex", visit.index())
                .append("entryStepId", visit.entryStepId())
                .append("enteredAt", date(visit.entered()))
                .append("exitedAt", visit.exited() == null ? null : date(visit.exited()))
                .append("nextStage", visit.nextStage())
                .append("durationHours", visit.duration() == null ? null : Stats.hours(visit.duration()))
                .append("slaHours", stage.sla() == null ? null : Stats.hours(stage.sla()))
                .append("state", visit.state().name())
                .append("channel", dimensions.channel())
                .append("segmentId", dimensions.segment())
                .append("campaignId", dimensions.campaign())
                .append("owner", dimensions.owner());
    }

    static Document mapDocument(FlowMap map, String name) {
        return new Document(ID, map.mapId())
                .append("mapId", map.mapId())
                .append("mapVersion", map.version())
                .append("name", name)
                .append("stageIds", map.stages().stream().map(FlowStage::stageId).toList());
    }

    private static final Instant LATEST_DATE = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant EARLIEST_DATE = Instant.ofEpochMilli(Long.MIN_VALUE);

    /** The BSON date of an instant; one beyond the range of 64-bit milliseconds becomes the nearest end of it. */
    static Date date(Instant instant) {
        return clamped(instant) ? new Date(instant.isAfter(LATEST_DATE) ? Long.MAX_VALUE : Long.MIN_VALUE)
                : Date.from(instant);
    }

    private static boolean clamped(Instant instant) {
        return instant.isAfter(LATEST_DATE) || instant.isBefore(EARLIEST_DATE);
    }

    private static Instant instant(Date date, int nanos) {
        Instant millis = date.toInstant();
        return nanos < 0 ? millis : Instant.ofEpochSecond(millis.getEpochSecond(), nanos);
    }
}

package io.revchain.analytics.visits;

import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.JourneyDimensions;
import io.revchain.analytics.StageVisit;
import io.revchain.analytics.Stats;
import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The read models' documents: flat rows for BI, from which the projection also reads a journey's steps back when it
 * recomputes the journey's visits.
 */
final class ReadModelDocuments {

    static final String ID = "_id";
    static final String STEP_COUNT = "stepCount";
    static final String VISIT_COUNTS = "visitCounts";
    /** Attributes a step row shows as columns of their own, and so leaves out of its {@code attributes}. */
    private static final List<String> COLUMNS = List.of("channel", "segmentId", "campaignId");

    private ReadModelDocuments() {
    }

    /**
     * {@code journeyId/stepIndex}: the journey's steps in the order they were recorded, 0 first, so that they are
     * read back by key. A '/' or '%' inside the id is percent-encoded so that keys never collide.
     */
    static String stepKey(String journeyId, int stepIndex) {
        return escape(journeyId) + "/" + stepIndex;
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

    /**
     * BSON dates keep milliseconds: {@code occurredAtNanos} (the nanosecond of the second) is added only when the
     * date does not hold the time exactly, and {@code occurredAtEpochSecond} only for a time beyond the range of
     * BSON dates (about 292 million years either side of 1970; only events stored before the intake refused such
     * times), whose date is clamped; so that a step reads back exactly.
     */
    static Document stepDocument(String journeyId, int stepIndex, StepFact step) {
        Document row = new Document(ID, stepKey(journeyId, stepIndex))
                .append("journeyId", journeyId)
                .append("stepId", step.stepId())
                .append("type", step.type())
                .append("occurredAt", date(step.occurredAt()));
        int nanos = step.occurredAt().getNano();
        if (nanos % 1_000_000 != 0 || clamped(step.occurredAt()) && nanos != 0) {
            row.append("occurredAtNanos", nanos);
        }
        if (clamped(step.occurredAt())) {
            row.append("occurredAtEpochSecond", step.occurredAt().getEpochSecond());
        }
        // The attributes the row shows as columns are not repeated in its attributes (issue 13: disk per step).
        Map<String, String> others = new TreeMap<>(step.attributes());
        COLUMNS.forEach(column -> others.remove(column, step.attribute(column)));
        String owner = ownerOf(step);
        if (ownerIsTheAttribute(step.type(), step.attributes())) {
            others.remove("owner", owner);
        }
        return row.append("recordedAt", date(step.recordedAt()))
                  .append("recordSeq", step.recordSeq())
                  .append("channel", step.attribute("channel"))
                  .append("segmentId", step.attribute("segmentId"))
                  .append("campaignId", step.attribute("campaignId"))
                  .append("owner", owner)
                  .append("attributes", new Document(others));
    }

    /** Whether a row's {@code owner} column is the step's {@code owner} attribute (see {@link #ownerOf}). */
    private static boolean ownerIsTheAttribute(String type, Map<String, ?> attributes) {
        Object to = attributes.get("to");
        return !"LeadHandedOff".equals(type) || to == null || to.toString().isBlank();
    }

    static Document journeyDocument(String journeyId, int stepCount, JourneyDimensions dimensions,
                                    Map<String, Integer> visitCounts) {
        return new Document(ID, journeyId)
                .append("journeyId", journeyId)
                .append("channel", dimensions.channel())
                .append("segmentId", dimensions.segment())
                .append("campaignId", dimensions.campaign())
                .append("owner", dimensions.owner())
                .append(STEP_COUNT, stepCount)
                .append(VISIT_COUNTS, visitCountsDocument(visitCounts));
    }

    /** Sorted by map id, so that the same counts always give the same document. */
    static List<Document> visitCountsDocument(Map<String, Integer> visitCounts) {
        return new TreeMap<>(visitCounts).entrySet().stream()
                                         .map(e -> new Document("mapId", e.getKey()).append("count", e.getValue()))
                                         .toList();
    }

    /** The step a row holds; its record time to the millisecond, which no visit depends on. */
    static StepFact fact(Document row) {
        Document attributes = row.get("attributes", Document.class);
        Map<String, String> values = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        }
        // The attributes shown as columns; rows written before issue 13's disk change repeat them in attributes.
        for (String column : COLUMNS) {
            if (row.getString(column) != null) {
                values.putIfAbsent(column, row.getString(column));
            }
        }
        if (row.getString("owner") != null && ownerIsTheAttribute(row.getString("type"), values)) {
            values.putIfAbsent("owner", row.getString("owner"));
        }
        Number exactSecond = row.get("occurredAtEpochSecond", Number.class);
        Number nanos = row.get("occurredAtNanos", Number.class);
        Instant occurredAt;
        if (exactSecond != null) {
            occurredAt = Instant.ofEpochSecond(exactSecond.longValue(), nanos == null ? 0 : nanos.intValue());
        } else {
            Instant millis = row.getDate("occurredAt").toInstant();
            occurredAt = nanos == null ? millis : Instant.ofEpochSecond(millis.getEpochSecond(), nanos.intValue());
        }
        return new StepFact(row.getString("stepId"), row.getString("type"), occurredAt,
                            row.getDate("recordedAt").toInstant(), row.get("recordSeq", Number.class).longValue(),
                            values);
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
}

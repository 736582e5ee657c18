package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ReadModelDocumentsTest {

    @Test
    void keys_ofIdsContainingTheSeparator_neverCollide() {
        assertThat(ReadModelDocuments.stepKey("a/1", 2)).isNotEqualTo(ReadModelDocuments.stepKey("a", 1) + "/2");
        assertThat(ReadModelDocuments.stepKey("a%2F1", 2)).isNotEqualTo(ReadModelDocuments.stepKey("a/1", 2));
        assertThat(ReadModelDocuments.stepKey("L-42", 3)).isEqualTo("L-42/3");
        assertThat(ReadModelDocuments.visitKey("emea", "x/y", 3)).isEqualTo("emea/x%2Fy/3");
    }

    @Test
    void stepRow_readsBackExactly_despiteMillisecondDates_withTheNanosecondsOnlyWhenThereAreAny() {
        StepFact fact = new StepFact("s1", "LeadQualified", Instant.parse("2025-07-01T10:00:00.123456789Z"),
                                     Instant.parse("2025-07-02T08:00:00.5Z"), 42, Map.of("score", "80", "to", "ann"));
        Document row = ReadModelDocuments.stepDocument("j", 0, fact);
        assertThat(ReadModelDocuments.fact(row)).isEqualTo(withRecordTimeToTheMillisecond(fact));
        assertThat(row).containsEntry("occurredAtNanos", 123456789);
        StepFact whole = new StepFact("s2", "LeadCaptured", Instant.parse("2025-07-01T10:00:00.123Z"),
                                      Instant.parse("2025-07-02T08:00:00Z"), 43, Map.of());
        assertThat(ReadModelDocuments.stepDocument("j", 1, whole)).doesNotContainKey("occurredAtNanos");
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.stepDocument("j", 1, whole))).isEqualTo(whole);
        StepFact beforeEpoch = new StepFact("s0", "LeadCaptured", Instant.parse("1969-12-31T23:59:59.000000001Z"),
                                            Instant.parse("2025-07-02T08:00:00Z"), 1, Map.of());
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.stepDocument("j", 2, beforeEpoch)))
                .isEqualTo(beforeEpoch);
    }

    @Test
    void stepRow_leavesTheAttributesItShowsAsColumnsOutOfItsAttributes_andStillReadsBackExactly() {
        Instant at = Instant.parse("2025-07-01T10:00:00Z");
        StepFact plain = new StepFact("s1", "DemoHeld", at, at, 1, Map.of(
                "channel", "ads", "campaignId", "C-7", "campaign", "C-7", "owner", "ann", "region", "emea"));
        Document row = ReadModelDocuments.stepDocument("j", 0, plain);
        assertThat(row).containsEntry("channel", "ads").containsEntry("campaignId", "C-7")
                       .containsEntry("owner", "ann").containsEntry("segmentId", null);
        assertThat(row.get("attributes", Document.class))
                .containsOnlyKeys("campaign", "region");
        assertThat(ReadModelDocuments.fact(row)).isEqualTo(plain);

        // A handoff's owner column is its "to": its own owner attribute stays among the attributes.
        StepFact handoff = new StepFact("s2", "LeadHandedOff", at, at, 2, Map.of("to", "bob", "owner", "bob"));
        Document handoffRow = ReadModelDocuments.stepDocument("j", 1, handoff);
        assertThat(handoffRow).containsEntry("owner", "bob");
        assertThat(handoffRow.get("attributes", Document.class)).containsOnlyKeys("to", "owner");
        assertThat(ReadModelDocuments.fact(handoffRow)).isEqualTo(handoff);
        StepFact handoffWithoutOwner = new StepFact("s3", "LeadHandedOff", at, at, 3, Map.of("to", "bob"));
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.stepDocument("j", 2, handoffWithoutOwner)))
                .isEqualTo(handoffWithoutOwner);
        StepFact handoffWithoutTo = new StepFact("s4", "LeadHandedOff", at, at, 4, Map.of("owner", "cy"));
        Document withoutTo = ReadModelDocuments.stepDocument("j", 3, handoffWithoutTo);
        assertThat(withoutTo.get("attributes", Document.class)).isEmpty();
        assertThat(ReadModelDocuments.fact(withoutTo)).isEqualTo(handoffWithoutTo);
    }

    @Test
    void stepRowWrittenBeforeColumnsLeftTheAttributes_readsBackTheSame() {
        Instant at = Instant.parse("2025-07-01T10:00:00Z");
        StepFact fact = new StepFact("s1", "DemoHeld", at, at, 1, Map.of("channel", "ads", "owner", "ann"));
        Document row = ReadModelDocuments.stepDocument("j", 0, fact);
        row.put("attributes", new Document("channel", "ads").append("owner", "ann"));
        assertThat(ReadModelDocuments.fact(row)).isEqualTo(fact);
    }

    @Test
    void timesBeyondTheRangeOfBsonDates_areWrittenAsItsEnds_andFactsStillReadBackExactly() {
        // Stored before the intake refused such times: the store keeps them forever, the read models must cope.
        StepFact far = new StepFact("p1", "LeadCaptured", Instant.parse("+999999999-12-31T00:00:00Z"),
                                    Instant.parse("2025-07-02T08:00:00Z"), 7, Map.of());
        StepFact early = new StepFact("p2", "LeadCaptured", Instant.parse("-999999999-01-01T00:00:00.5Z"),
                                      Instant.parse("2025-07-02T08:00:00Z"), 8, Map.of());

        assertThat(ReadModelDocuments.stepDocument("p", 0, far).getDate("occurredAt").getTime())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(ReadModelDocuments.stepDocument("p", 1, early).getDate("occurredAt").getTime())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.stepDocument("p", 0, far))).isEqualTo(far);
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.stepDocument("p", 1, early))).isEqualTo(early);
    }

    @Test
    void segmentsThatAppliedAVersion_coverEveryJourney_onlyWhenTheirResiduesDo() {
        assertThat(ReadModelWriter.covered(new Document("0/0", 3L), 3)).isTrue();
        assertThat(ReadModelWriter.covered(new Document("0/0", 2L), 3)).isFalse();
        assertThat(ReadModelWriter.covered(new Document("0/3", 3L).append("1/3", 3L).append("2/3", 3L), 3))
                .isFalse();
        assertThat(ReadModelWriter.covered(new Document("0/3", 3L).append("1/3", 3L).append("2/3", 3L)
                                                   .append("3/3", 4L), 3)).isTrue();
        // After a split of segment 1 of 2 into 1 and 3 of 4.
        assertThat(ReadModelWriter.covered(new Document("0/1", 3L).append("1/3", 3L).append("3/3", 3L), 3))
                .isTrue();
        assertThat(ReadModelWriter.covered(new Document("0/1", 3L).append("1/3", 3L), 3)).isFalse();
    }

    private static StepFact withRecordTimeToTheMillisecond(StepFact fact) {
        return new StepFact(fact.stepId(), fact.type(), fact.occurredAt(),
                            Instant.ofEpochMilli(fact.recordedAt().toEpochMilli()), fact.recordSeq(),
                            fact.attributes());
    }

    @Test
    void generationOfACollection_onlyForReadModelNames() {
        assertThat(Generation.of("stage_visits_g12")).isEqualTo(OptionalLong.of(12));
        assertThat(Generation.of("journeys_g1")).isEqualTo(OptionalLong.of(1));
        assertThat(Generation.of("journey_steps_g")).isEmpty();
        assertThat(Generation.of("events")).isEmpty();
        assertThat(Generation.of("my_stage_visits_g2")).isEmpty();
        assertThat(new Generation(3).collection(Generation.STAGE_VISITS)).isEqualTo("stage_visits_g3");
    }
}

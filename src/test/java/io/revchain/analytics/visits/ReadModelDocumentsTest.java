package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadModelDocumentsTest {

    @Test
    void keys_ofIdsContainingTheSeparator_neverCollide() {
        assertThat(ReadModelDocuments.stepKey("a/b", "c")).isNotEqualTo(ReadModelDocuments.stepKey("a", "b/c"));
        assertThat(ReadModelDocuments.stepKey("a%2Fb", "c")).isNotEqualTo(ReadModelDocuments.stepKey("a/b", "c"));
        assertThat(ReadModelDocuments.stepKey("L-42", "s1")).isEqualTo("L-42/s1");
        assertThat(ReadModelDocuments.visitKey("emea", "x/y", 3)).isEqualTo("emea/x%2Fy/3");
    }

    @Test
    void fact_readsBackExactly_despiteMillisecondDates() {
        StepFact fact = new StepFact("s1", "LeadQualified", Instant.parse("2025-07-01T10:00:00.123456789Z"),
                                     Instant.parse("2025-07-02T08:00:00.5Z"), 42, Map.of("score", "80", "to", "ann"));
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.factDocument(fact))).isEqualTo(fact);
        StepFact beforeEpoch = new StepFact("s0", "LeadCaptured", Instant.parse("1969-12-31T23:59:59.000000001Z"),
                                            Instant.parse("2025-07-02T08:00:00Z"), 1, Map.of());
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.factDocument(beforeEpoch))).isEqualTo(beforeEpoch);
    }

    @Test
    void timesBeyondTheRangeOfBsonDates_areWrittenAsItsEnds_andFactsStillReadBackExactly() {
        // Stored before the intake refused such times: the store keeps them forever, the read models must cope.
        StepFact far = new StepFact("p1", "LeadCaptured", Instant.parse("+999999999-12-31T00:00:00Z"),
                                    Instant.parse("2025-07-02T08:00:00Z"), 7, Map.of());
        StepFact early = new StepFact("p2", "LeadCaptured", Instant.parse("-999999999-01-01T00:00:00.5Z"),
                                      Instant.parse("2025-07-02T08:00:00Z"), 8, Map.of());

        assertThat(ReadModelDocuments.stepDocument("p", far).getDate("occurredAt").getTime())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(ReadModelDocuments.stepDocument("p", early).getDate("occurredAt").getTime())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.factDocument(far))).isEqualTo(far);
        assertThat(ReadModelDocuments.fact(ReadModelDocuments.factDocument(early))).isEqualTo(early);
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

package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessTimeRangeTest extends StepsApiTestSupport {

    @Test
    void businessTimesOutsideYears1900To2199AreRefusedAndNothingIsStored() {
        String lead = unique("lead");
        long stored = storedEventDocuments();

        postRejected(List.of(journeyStep(lead + "-1", "LeadCaptured", "+999999999-12-31", lead),
                             journeyStep(lead + "-2", "LeadCaptured", "-999999999-01-01", lead),
                             journeyStep(lead + "-3", "LeadCaptured", "1899-12-31T23:59:59Z", lead),
                             journeyStep(lead + "-4", "LeadCaptured", "2200-01-01", lead),
                             journeyStep(lead + "-5", "LeadCaptured", "2024-04-01", lead)))
                .jsonPath("$.errors").value(hasSize(4))
                .jsonPath("$.errors[*].field").value(v -> assertThat((List<Object>) v).containsOnly("occurredAt"))
                .jsonPath("$.errors[*].index").value(v -> assertThat((List<Object>) v).containsExactly(0, 1, 2, 3))
                .jsonPath("$.errors[0].reason").value(containsString("'+999999999-12-31' is out of range"))
                .jsonPath("$.errors[0].reason").value(containsString("1900-01-01T00:00:00Z (inclusive)"))
                .jsonPath("$.errors[0].reason").value(containsString("2200-01-01T00:00:00Z (exclusive)"));

        assertThat(storedEventDocuments()).isEqualTo(stored);
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() {
        String lead = unique("lead");
        postAccepted(List.of(journeyStep(lead + "-1", "LeadCaptured", "1900-01-01T00:00:00Z", lead),
                             journeyStep(lead + "-2", "LeadQualified", "2199-12-31T23:59:59.999Z", lead)), 2, 0);
    }
}

package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.revchain.chain.BusinessFunction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /**
     * J1: Start, B, A (positions 0, 1/2, 1); J2: Start, A, B (0, 1/2, 1); J3: C alone (0).
     * A and B both average 3/4: the name breaks the tie, A first. C (0) ties with Start (0): C before Start.
     */
    @Test
    void activities_areOrderedByMeanRelativePosition_thenByName() {
        Discovery discovery = new Discovery();
        discovery.add("J1", "Start", null, at(0), null, 1);
        discovery.add("J1", "B", null, at(1), null, 2);
        discovery.add("J1", "A", null, at(2), null, 3);
        discovery.add("J2", "Start", null, at(0), null, 4);
        discovery.add("J2", "A", null, at(1), null, 5);
        discovery.add("J2", "B", null, at(2), null, 6);
        discovery.add("J3", "C", null, at(0), null, 7);

        assertThat(discovery.activities())
                .extracting(Discovery.Activity::name, Discovery.Activity::meanPosition)
                .containsExactly(tuple("C", 0.0), tuple("Start", 0.0), tuple("A", 0.75), tuple("B", 0.75));
    }

    /** File order: Z at 10:00, Y at 09:00, X at 10:00. By time Y (0), then Z and X tied at 10:00 in file order. */
    @Test
    void positions_followTime_withTiesInFileOrder() {
        Discovery discovery = new Discovery();
        discovery.add("J", "Z", null, at(60), null, 1);
        discovery.add("J", "Y", null, at(0), null, 2);
        discovery.add("J", "X", null, at(60), null, 3);

        assertThat(discovery.activities()).extracting(Discovery.Activity::name, Discovery.Activity::meanPosition)
                                          .containsExactly(tuple("Y", 0.0), tuple("Z", 0.5), tuple("X", 1.0));
    }

    /**
     * "Done" occurs in 10 journeys and ends 9 of them (0.9: terminal); "Review" in 10 and ends 1 (not).
     * Owners: Done SALES 6 and "service" 4 → SALES; Review SALES 5, MARKETING 5 → a tie, JOINT; Start none → JOINT.
     */
    @Test
    void terminalFromTheShareOfJourneysEnded_ownerFromTheMostFrequentFunction() {
        Discovery discovery = new Discovery();
        for (int j = 0; j < 10; j++) {
            String journey = "J" + j;
            discovery.add(journey, "Start", null, at(0), "", 1);
            discovery.add(journey, "Review", null, at(1), j < 5 ? "sales" : "MARKETING", 2);
            discovery.add(journey, "Done", null, at(2), j < 6 ? "SALES" : "service", 3);
            if (j == 0) {
                discovery.add(journey, "Review", null, at(3), null, 4);
            }
        }
        assertThat(discovery.badOwners()).isEmpty();
        assertThat(discovery.activities())
                .extracting(Discovery.Activity::name, Discovery.Activity::journeys, Discovery.Activity::endShare,
                            Discovery.Activity::terminal, Discovery.Activity::owner)
                .containsExactly(tuple("Start", 10L, 0.0, false, BusinessFunction.JOINT),
                                 tuple("Review", 10L, 0.1, false, BusinessFunction.JOINT),
                                 tuple("Done", 10L, 0.9, true, BusinessFunction.SALES));
        // Review: nine journeys at 1/2, J0 at 1/3 and 1 (four steps): (9/2 + 1/3 + 1) / 11.
        assertThat(discovery.activities().get(1).meanPosition()).isCloseTo((4.5 + 1 / 3.0 + 1) / 11, within(1e-12));
        assertThat(discovery.activities().get(1).events()).isEqualTo(11);
    }

    @Test
    void ownerValuesThatNameNoFunction_areCollectedWithTheirFirstRow() {
        Discovery discovery = new Discovery();
        discovery.add("J1", "A", null, at(0), "Support", 7);
        discovery.add("J2", "A", null, at(0), "Support", 9);
        discovery.add("J2", "B", null, at(1), " Customer Success ", 10);
        assertThat(discovery.badOwners()).containsExactly(new Discovery.BadOwner("Customer Success", 10),
                                                          new Discovery.BadOwner("Support", 7));
    }
}

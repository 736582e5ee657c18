package io.revchain.system.eventstore.probe;

import io.revchain.system.eventstore.probe.ProbeMessages.AddToTally;
import io.revchain.system.eventstore.probe.ProbeMessages.TallyAdded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TallyTest {

    private FixtureConfiguration<Tally> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tally.class);
    }

    @Test
    void addingToNewTally_createsIt() {
        fixture.givenNoPriorActivity()
               .when(new AddToTally("t", 3))
               .expectEvents(new TallyAdded("t", 3, 3));
    }

    @Test
    void addingAccumulatesTotal() {
        fixture.given(new TallyAdded("t", 3, 3))
               .when(new AddToTally("t", 4))
               .expectEvents(new TallyAdded("t", 4, 7))
               .expectResultMessagePayload(7);
    }

    @Test
    void cannotAddNonPositiveAmount() {
        fixture.given(new TallyAdded("t", 3, 3))
               .when(new AddToTally("t", 0))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }
}

package io.revchain.segment;

import static io.revchain.chain.StepOutcome.DUPLICATE;
import static io.revchain.chain.StepOutcome.RECORDED;
import static io.revchain.chain.Violations.violation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentTest {

    private static final Instant T0 = Instant.parse("2024-01-08T09:00:00Z");
    private static final Instant T1 = Instant.parse("2024-02-01T09:00:00Z");

    private AggregateTestFixture<Segment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Segment.class);
    }

    private static RecordSegmentSteps steps(SegmentStep... steps) {
        return new RecordSegmentSteps("smb-eu", List.of(steps));
    }

    private static SegmentProfiled profiled() {
        return new SegmentProfiled("smb-eu", "SMB Europe", Map.of("region", "EU", "size", "10-50"), T0, "s1");
    }

    @Test
    void profilesNewSegment() {
        fixture.givenNoPriorActivity()
               .when(steps(new ProfileSegment("s1", T0, "SMB Europe", Map.of("region", "EU", "size", "10-50"))))
               .expectSuccessfulHandlerExecution()
               .expectEvents(profiled())
               .expectResultMessagePayload(List.of(RECORDED));
    }

    @Test
    void revisesProfiledSegment() {
        fixture.given(profiled())
               .when(steps(new ReviseSegmentProfile("s2", T1, null, Map.of("needs", "compliance"))))
               .expectEvents(new SegmentProfileRevised("smb-eu", null, Map.of("needs", "compliance"), T1, "s2"));
    }

    @Test
    void profileAndRevisionInOneCommand() {
        fixture.givenNoPriorActivity()
               .when(steps(new ProfileSegment("s1", T0, "SMB Europe", Map.of("region", "EU", "size", "10-50")),
                           new ReviseSegmentProfile("s2", T1, "SMB EMEA", Map.of())))
               .expectEvents(profiled(), new SegmentProfileRevised("smb-eu", "SMB EMEA", Map.of(), T1, "s2"))
               .expectResultMessagePayload(List.of(RECORDED, RECORDED));
    }

    @Test
    void cannotReviseUnprofiledSegment() {
        fixture.givenNoPriorActivity()
               .when(steps(new ReviseSegmentProfile("s2", T1, null, Map.of("needs", "compliance"))))
               .expectException(violation(0, "revision-requires-profiled-segment"))
               .expectNoEvents();
    }

    @Test
    void cannotProfileSegmentTwice() {
        fixture.given(profiled())
               .when(steps(new ProfileSegment("s9", T1, "Again", Map.of())))
               .expectException(violation(0, "segment-profiled-once"))
               .expectNoEvents();
    }

    @Test
    void knownStepIdIsSkippedAsDuplicate() {
        fixture.given(profiled())
               .when(steps(new ProfileSegment("s1", T0, "SMB Europe", Map.of()),
                           new ReviseSegmentProfile("s2", T1, "SMB EMEA", Map.of())))
               .expectEvents(new SegmentProfileRevised("smb-eu", "SMB EMEA", Map.of(), T1, "s2"))
               .expectResultMessagePayload(List.of(DUPLICATE, RECORDED));
    }
}

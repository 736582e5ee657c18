package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedbackLoopTest {

    /**
     * f1 on j1 (s1, c1) at 0, actioned on the journey at 10.
     * fb2 on j1 at 20 (no feedbackId: its stepId is the id), actioned at 30 by a segment-level step naming s9.
     * f3 on j2 (s2, c1) at 5, never actioned.
     * f4 on j3 (no segment or campaign) at 6, actioned at 12 and, recorded later, already at 8: the earliest counts.
     */
    private static FlowSnapshot snapshot(Cut cut) {
        return Fixtures.snapshot(FUNNEL, cut,
                journey("j1").step("LeadCaptured", h(0), "segmentId", "s1", "campaignId", "c1")
                        .step("FeedbackRecorded", h(0), "feedbackId", "f1")
                        .step("FeedbackActioned", h(10), "feedbackId", "f1")
                        .fact(new StepFact("fb2", "FeedbackRecorded", h(20), h(20), 1_000, Map.of())),
                journey("j2").step("LeadCaptured", h(0), "segmentId", "s2", "campaignId", "c1")
                        .step("FeedbackRecorded", h(5), "feedbackId", "f3")
                        .step("LeadRejected", h(1), "reason", "no budget")
                        .step("LeadRejected", h(2), "reason", "no budget", "campaignId", "c7"),
                journey("j3").step("FeedbackRecorded", h(6), "feedbackId", "f4")
                        .step("FeedbackActioned", h(12), "feedbackId", "f4")
                        .recorded("FeedbackActioned", h(8), h(40), "feedbackId", "f4")
                        .step("LeadRejected", h(3)));
    }

    private static final List<StepFact> SEGMENT_STEPS = List.of(new StepFact("seg-1", "FeedbackActioned", h(30),
            h(30), 2_000, Map.of("feedbackId", "fb2", "segmentId", "s9")));

    @Test
    void feedback_recordedActionedRateAndMedianHours() {
        List<FeedbackLoopView> rows = FeedbackLoop.feedback(snapshot(Cut.asOf(h(100))), FlowQuery.all(),
                SEGMENT_STEPS);

        // 4 recorded, 3 actioned after 10h (f1), 10h (fb2), 2h (f4): rate 0.75, median 10.
        assertThat(rows).containsExactly(new FeedbackLoopView(null, 4, 3, 0.75, 10.0));
    }

    @Test
    void feedback_bySegment_usesTheActionsSegmentElseTheJourneys() {
        List<FeedbackLoopView> rows = FeedbackLoop.feedback(snapshot(Cut.asOf(h(100))),
                FlowQuery.all().withGroupBy(GroupBy.SEGMENT), SEGMENT_STEPS);

        assertThat(rows).containsExactly(
                new FeedbackLoopView("s1", 1, 1, 1.0, 10.0),
                new FeedbackLoopView("s2", 1, 0, 0.0, null),
                new FeedbackLoopView("s9", 1, 1, 1.0, 10.0),
                new FeedbackLoopView("(none)", 1, 1, 1.0, 2.0));
    }

    @Test
    void feedback_byCampaign() {
        List<FeedbackLoopView> rows = FeedbackLoop.feedback(snapshot(Cut.asOf(h(100))),
                FlowQuery.all().withGroupBy(GroupBy.CAMPAIGN), SEGMENT_STEPS);

        // c1: f1, fb2 (its action names no campaign), f3; actioned f1, fb2 after 10h each.
        assertThat(rows).containsExactly(
                new FeedbackLoopView("c1", 3, 2, 2.0 / 3, 10.0),
                new FeedbackLoopView("(none)", 1, 1, 1.0, 2.0));
    }

    @Test
    void feedback_cohortIsByRecordingTime_andTheCutBoundsActions() {
        // Window [4, ..): f3 (5), f4 (6), fb2 (20).
        assertThat(FeedbackLoop.feedback(snapshot(Cut.asOf(h(100))), FlowQuery.in(new Window(h(4), null)),
                SEGMENT_STEPS))
                .containsExactly(new FeedbackLoopView(null, 3, 2, 2.0 / 3, 6.0));
        // As of 9: f1's action (10) and fb2 (20) are not there yet; f4's action at 8 is.
        assertThat(FeedbackLoop.feedback(snapshot(Cut.asOf(h(9))), FlowQuery.all(), SEGMENT_STEPS))
                .containsExactly(new FeedbackLoopView(null, 3, 1, 1.0 / 3, 2.0));
        // Known at 20, f4's action at 8 was not recorded yet: the one at 12 counts (6h); fb2's action (30) is
        // unknown. Actioned f1 (10h), f4 (6h) of 4.
        assertThat(FeedbackLoop.feedback(snapshot(new Cut(h(100), h(20))), FlowQuery.all(), SEGMENT_STEPS))
                .containsExactly(new FeedbackLoopView(null, 4, 2, 0.5, 8.0));
    }

    @Test
    void nothingRecorded_givesNullRate() {
        assertThat(FeedbackLoop.feedback(snapshot(Cut.asOf(h(100))), FlowQuery.in(new Window(h(50), h(60)))))
                .containsExactly(new FeedbackLoopView(null, 0, 0, null, null));
    }

    @Test
    void rejections_byCampaignAndReason() {
        assertThat(FeedbackLoop.rejections(snapshot(Cut.asOf(h(100))), FlowQuery.all()))
                .extracting(LeadRejectionView::campaign, LeadRejectionView::reason, LeadRejectionView::count)
                .containsExactly(tuple("c1", "no budget", 1L), tuple("c7", "no budget", 1L),
                        tuple("(none)", "(none)", 1L));
        assertThat(FeedbackLoop.rejections(snapshot(Cut.asOf(h(100))), FlowQuery.in(new Window(h(2), null))))
                .extracting(LeadRejectionView::campaign, LeadRejectionView::count)
                .containsExactly(tuple("c7", 1L), tuple("(none)", 1L));
    }
}

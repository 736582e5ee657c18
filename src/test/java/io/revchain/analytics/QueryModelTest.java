package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.FUNNEL;
import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryModelTest {

    @Test
    void window_isHalfOpen_andRejectsReversedBounds() {
        Window w = new Window(h(10), h(20));
        assertThat(w.contains(h(10))).isTrue();
        assertThat(w.contains(h(20))).isFalse();
        assertThat(Window.ALL.contains(h(-1_000_000))).isTrue();
        assertThat(w.measuredUntil(h(15))).isEqualTo(h(15));
        assertThat(w.measuredUntil(h(30))).isEqualTo(h(20));
        assertThatThrownBy(() -> new Window(h(20), h(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Window.quarter(2024, 5, java.time.ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupBy_parsesParameters() {
        assertThat(GroupBy.fromParameter("Campaign")).isEqualTo(GroupBy.CAMPAIGN);
        assertThat(GroupBy.fromParameter(" ")).isNull();
        assertThatThrownBy(() -> GroupBy.fromParameter("region"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel, segment");
    }

    @Test
    void filter_matchesValues_andNoneMatchesMissing() {
        JourneyDimensions web = new JourneyDimensions("web", "s1", null, null);
        assertThat(new JourneyFilter("web", null, null).accepts(web)).isTrue();
        assertThat(new JourneyFilter("web", "s2", null).accepts(web)).isFalse();
        assertThat(new JourneyFilter(null, null, "(none)").accepts(web)).isTrue();
        assertThat(new JourneyFilter("(none)", null, null).accepts(web)).isFalse();
    }

    @Test
    void snapshot_refusesTimelinesPreparedAgainstAnotherMap() {
        FlowMap other = new FlowMap("other", 1, FUNNEL.stages().subList(0, 2), List.of());
        JourneyTimeline timeline = JourneyTimeline.of(journey("j").step("LeadCaptured", h(0)).facts(), other);

        assertThatThrownBy(() -> FlowSnapshot.of(FUNNEL, List.of(timeline), Cut.asOf(h(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another map");
    }

    @Test
    void map_rejectsDuplicateStageIds() {
        assertThatThrownBy(() -> new FlowMap("m", 1, List.of(FUNNEL.stages().get(0), FUNNEL.stages().get(0)),
                List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not unique");
    }
}

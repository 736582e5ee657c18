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
    void groupBy_parsesBuiltInDimensionsInAnyCase_andAnyOtherAttributeAsItIsSpelt() {
        assertThat(GroupBy.fromParameter("Campaign")).isEqualTo(GroupBy.CAMPAIGN);
        assertThat(GroupBy.fromParameter("segmentId")).isEqualTo(GroupBy.SEGMENT);
        assertThat(GroupBy.fromParameter(" ")).isNull();
        assertThat(GroupBy.fromParameter("region").dimension())
                .isEqualTo(new Dimension("region", "region", Dimension.Rule.LATEST));
        assertThat(GroupBy.fromParameter("Region").dimension().attribute()).isEqualTo("Region");
        assertThat(Dimension.of("SOURCE")).isEqualTo(Dimension.SOURCE);
    }

    @Test
    void filter_matchesValues_andNoneMatchesMissing() {
        JourneyFlow web = journey("j").step("LeadCaptured", h(0), "channel", "web", "segmentId", "s1")
                                      .under(FUNNEL, Cut.asOf(h(1)));
        assertThat(new JourneyFilter("web", null, null).accepts(web)).isTrue();
        assertThat(new JourneyFilter("web", "s2", null).accepts(web)).isFalse();
        assertThat(new JourneyFilter(null, null, "(none)").accepts(web)).isTrue();
        assertThat(new JourneyFilter("(none)", null, null).accepts(web)).isFalse();
        assertThat(JourneyFilter.NONE.accepts(web)).isTrue();
    }

    @Test
    void anyAttribute_latestVisibleStepWins_originDimensionsEarliest() {
        Fixtures.Journey j = journey("j")
                .step("LeadCaptured", h(0), "source", "ads", "region", "West", "product", "GTX Basic")
                .step("OpportunityOpened", h(5), "source", "referral", "product", "GTX Pro")
                // Happened before the opportunity, learned last: the opportunity's product is still the latest.
                .recorded("LeadQualified", h(2), h(50), "product", "MG Special", "region", "East");

        JourneyFlow latest = j.under(FUNNEL, Cut.asOf(h(100)));
        assertThat(Dimension.of("product").valueOf(latest)).isEqualTo("GTX Pro");
        assertThat(Dimension.of("region").valueOf(latest)).isEqualTo("East");
        assertThat(Dimension.SOURCE.valueOf(latest)).isEqualTo("ads");
        assertThat(Dimension.of("sector").valueOf(latest)).isNull();

        JourneyFlow asOf = j.under(FUNNEL, Cut.asOf(h(3)));
        assertThat(Dimension.of("product").valueOf(asOf)).isEqualTo("MG Special");
        JourneyFlow knownBefore = j.under(FUNNEL, new Cut(h(100), h(10)));
        assertThat(Dimension.of("region").valueOf(knownBefore)).isEqualTo("West");
    }

    @Test
    void filterOnTwoAttributes_acceptsTheIntersection() {
        JourneyFlow westPro = journey("a").step("OpportunityOpened", h(0), "region", "West", "product", "GTX Pro")
                                          .under(FUNNEL, Cut.asOf(h(1)));
        JourneyFlow westBasic = journey("b").step("OpportunityOpened", h(0), "region", "West", "product", "Basic")
                                            .under(FUNNEL, Cut.asOf(h(1)));
        JourneyFlow eastPro = journey("c").step("OpportunityOpened", h(0), "region", "East", "product", "GTX Pro")
                                          .under(FUNNEL, Cut.asOf(h(1)));
        JourneyFilter both = JourneyFilter.NONE.and(Dimension.of("region"), "West")
                                               .and(Dimension.of("product"), "GTX Pro");

        assertThat(List.of(westPro, westBasic, eastPro)).filteredOn(both::accepts).containsExactly(westPro);
        assertThat(JourneyFilter.NONE.and(Dimension.of("sector"), GroupBy.NONE).accepts(westPro)).isTrue();
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

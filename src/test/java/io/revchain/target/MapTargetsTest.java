package io.revchain.target;

import static io.revchain.chain.BusinessFunction.MARKETING;
import static io.revchain.chain.BusinessFunction.SALES;
import static io.revchain.map.RuleMatchers.satisfies;
import static io.revchain.map.RuleMatchers.violatesOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.map.MapCatalog;
import io.revchain.map.MapSummaryView;
import io.revchain.map.MapVersionView;
import io.revchain.map.MapView;
import io.revchain.system.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every target rule, proven on the aggregate; the map "emea" declares EUR, "jp" declares JPY (no minor unit). */
class MapTargetsTest {

    private AggregateTestFixture<MapTargets> fixture;

    /** Maps as the catalog would fold them: only their currency matters here. */
    static final class Maps implements MapCatalog {

        @Override
        public Optional<MapView> current(String mapId) {
            String currency = switch (mapId) {
                case "emea" -> "EUR";
                case "jp" -> "JPY";
                case "plain" -> null;
                default -> "";
            };
            return "".equals(currency) ? Optional.empty() : Optional.of(new MapView(mapId, 1, Instant.EPOCH, null, mapId,
                    currency, List.of(), List.of(), List.of()));
        }

        @Override
        public Optional<MapView> version(String mapId, long version) {
            return current(mapId);
        }

        @Override
        public Optional<MapView> inForceAt(String mapId, Instant at) {
            return current(mapId);
        }

        @Override
        public List<MapView> versions(String mapId) {
            return current(mapId).stream().toList();
        }

        @Override
        public List<MapVersionView> history(String mapId) {
            return List.of();
        }

        @Override
        public OptionalLong latestVersion(String mapId) {
            return current(mapId).isPresent() ? OptionalLong.of(1) : OptionalLong.empty();
        }

        @Override
        public List<MapSummaryView> maps() {
            return List.of();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MapTargets.class);
        fixture.registerInjectableResource(new Maps());
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    private static TargetProposed proposed(String quarter, String revenue) {
        return new TargetProposed("emea", quarter, eur(revenue), "EUR", 40L, null, MARKETING, "Ana");
    }

    @Test
    void proposal_recordsTheFiguresInTheMapsCurrency_asProposed() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025q3", eur("250000"), 40L, null, "marketing", " Ana "))
               .expectEvents(proposed("2025-Q3", "250000"))
               .expectResultMessagePayloadMatching(satisfies("proposed in EUR", (TargetView t) ->
                       t.status() == TargetStatus.PROPOSED && "EUR".equals(t.currency()) && t.version() == 1));
    }

    @Test
    void acceptanceByAnotherFunctionOfTheExactFigures_agreesThem() {
        fixture.given(proposed("2025-Q3", "250000"))
               .when(new AcceptTarget("emea", "2025-Q3", eur("250000.00"), 40L, null, "SALES", "Bo"))
               .expectEvents(new TargetAgreed("emea", "2025-Q3", eur("250000"), "EUR", 40L, null, SALES, "Bo"));
    }

    @Test
    void proposerCannotAgreeToItsOwnFigures() {
        fixture.given(proposed("2025-Q3", "250000"))
               .when(new AcceptTarget("emea", "2025-Q3", eur("250000"), 40L, null, "MARKETING", "Max"))
               .expectNoEvents()
               .expectException(violatesOnly("function", "target-agreed-by-other-function"));
    }

    @Test
    void acceptingOtherFiguresThanProposed_isRefused() {
        fixture.given(proposed("2025-Q3", "250000"))
               .when(new AcceptTarget("emea", "2025-Q3", eur("250000"), 45L, null, "SALES", "Bo"))
               .expectNoEvents()
               .expectException(violatesOnly("revenue", "target-figures-current"));
    }

    @Test
    void acceptingAQuarterNobodyProposed_isNotFound() {
        fixture.given(proposed("2025-Q3", "250000"))
               .when(new AcceptTarget("emea", "2025-Q4", eur("1"), null, null, "SALES", "Bo"))
               .expectNoEvents()
               .expectException(NotFoundException.class);
    }

    @Test
    void newFiguresForAnAgreedQuarter_needAgreementAgain_whileTheAgreedOnesStillCount() {
        fixture.given(proposed("2025-Q3", "250000"),
                      new TargetAgreed("emea", "2025-Q3", eur("250000"), "EUR", 40L, null, SALES, "Bo"))
               .when(new ProposeTarget("emea", "2025-Q3", eur("300000"), 40L, null, "SALES", "Bo"))
               .expectEvents(new TargetProposed("emea", "2025-Q3", eur("300000"), "EUR", 40L, null, SALES, "Bo"))
               .expectResultMessagePayloadMatching(satisfies("proposed, 250000 still agreed", (TargetView t) ->
                       t.status() == TargetStatus.PROPOSED && t.agreedRevenue().compareTo(eur("250000")) == 0
                               && t.revenue().compareTo(eur("300000")) == 0));
    }

    @Test
    void sameFiguresAgain_andAcceptingAgreedFigures_recordNothing() {
        fixture.given(proposed("2025-Q3", "250000"))
               .when(new ProposeTarget("emea", "2025-Q3", eur("250000.0"), 40L, null, "SALES", "Bo"))
               .expectNoEvents();
        setUp();
        fixture.given(proposed("2025-Q3", "250000"),
                      new TargetAgreed("emea", "2025-Q3", eur("250000"), "EUR", 40L, null, SALES, "Bo"))
               .when(new AcceptTarget("emea", "2025-Q3", eur("250000"), 40L, null, "SALES", "Bo"))
               .expectNoEvents();
    }

    @Test
    void quarterMustBeACalendarQuarter() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q5", eur("1"), null, null, "SALES", "Bo"))
               .expectException(violatesOnly("quarter", "target-quarter-format"));
    }

    @Test
    void revenueIsRequired_positive_andInTheCurrencysMinorUnit() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q3", null, null, null, "SALES", "Bo"))
               .expectException(violatesOnly("revenue", "target-revenue-required"));
        setUp();
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q3", eur("-5"), null, null, "SALES", "Bo"))
               .expectException(violatesOnly("revenue", "target-revenue-positive"));
        setUp();
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("jp", "2025-Q3", eur("1000.5"), null, null, "SALES", "Bo"))
               .expectException(violatesOnly("revenue", "target-revenue-minor-unit"));
    }

    @Test
    void countsAreNotNegative() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q3", eur("1"), -1L, null, "SALES", "Bo"))
               .expectException(violatesOnly("mqls", "target-count-non-negative"));
    }

    @Test
    void functionAndPersonAreRequired() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q3", eur("1"), null, null, "FINANCE", "Bo"))
               .expectException(violatesOnly("function", "function-valid"));
        setUp();
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("emea", "2025-Q3", eur("1"), null, null, "SALES", " "))
               .expectException(violatesOnly("by", "person-required"));
    }

    @Test
    void targetsBelongToAnExistingMap() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("nowhere", "2025-Q3", eur("1"), null, null, "SALES", "Bo"))
               .expectNoEvents()
               .expectException(NotFoundException.class);
    }

    @Test
    void mapWithoutCurrency_takesTargetsWithoutCurrency() {
        fixture.givenNoPriorActivity()
               .when(new ProposeTarget("plain", "2025-Q3", eur("10.25"), null, 5L, "SALES", "Bo"))
               .expectEvents(new TargetProposed("plain", "2025-Q3", eur("10.25"), null, null, 5L, SALES, "Bo"));
    }

    @Test
    void plan_foldsVersionsAndDescribesThemInWords() {
        TargetPlan plan = TargetPlan.initial("emea")
                .apply(proposed("2025-Q3", "250000"), Instant.parse("2025-06-01T10:00:00.123456Z"))
                .apply(new TargetAgreed("emea", "2025-Q3", eur("250000"), "EUR", 40L, null, SALES, "Bo"),
                       Instant.parse("2025-06-02T10:00:00Z"));
        TargetView q3 = plan.quarter("2025-Q3").orElseThrow();
        assertThat(plan.version()).isEqualTo(2);
        assertThat(q3.agreed()).isTrue();
        assertThat(q3.proposedBy()).isEqualTo(MARKETING);
        assertThat(q3.proposedAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00.123Z"));
        assertThat(q3.agreedBy()).isEqualTo(SALES);
        assertThat(TargetPlan.describe(proposed("2025-Q3", "250000")))
                .isEqualTo("2025-Q3 proposed by MARKETING (Ana): revenue 250000 EUR, 40 MQLs; agreement needed");
    }
}

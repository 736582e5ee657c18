package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;

/**
 * Five journeys on the funnel, hours from T0 (sql = Opportunity):
 * <pre>
 * j1  lead 0   mql 5   sal 20   sql 60
 * j2  lead 12  mql 15                        (still in mql)
 * j3  lead 30  mql 40  lost 45               (ended)
 * j4           mql 50  sal 80                (skipped lead)
 * j5  lead 2   mql 10  sal 50
 * </pre>
 * Used with window [10, 50): j5 enters MQL exactly at its start and leaves exactly at its end, j4 enters exactly at
 * its end.
 */
final class Scenarios {

    private Scenarios() {
    }

    static Fixtures.Journey[] fiveJourneys() {
        return new Fixtures.Journey[]{
                journey("j1").step("LeadCaptured", h(0), "channel", "web")
                        .step("LeadQualified", h(5)).step("LeadAccepted", h(20)).step("OpportunityOpened", h(60)),
                journey("j2").step("LeadCaptured", h(12), "channel", "email")
                        .step("LeadQualified", h(15)),
                journey("j3").step("LeadCaptured", h(30), "channel", "web")
                        .step("LeadQualified", h(40)).step("DealLost", h(45)),
                journey("j4").step("LeadQualified", h(50))
                        .step("LeadAccepted", h(80)),
                journey("j5").step("LeadCaptured", h(2), "channel", "web")
                        .step("LeadQualified", h(10)).step("LeadAccepted", h(50))
        };
    }

    static FlowSnapshot fiveJourneys(Cut cut) {
        return Fixtures.snapshot(Fixtures.FUNNEL, cut, fiveJourneys());
    }
}

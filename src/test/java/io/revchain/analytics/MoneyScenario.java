package io.revchain.analytics;

import static io.revchain.analytics.Fixtures.h;
import static io.revchain.analytics.Fixtures.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Journeys with amounts, campaigns with budgets and assets, on the funnel map with EUR as its currency. h(0) is
 * 2024-01-01T00:00Z, so [h(0), h(100)) lies in 2024-Q1 and h(-300)..h(-1) in 2023-Q4.
 *
 * <pre>
 * a  c1 web   lead 0, mql 10, handoff 12, sal 20, opp 30 (1000 EUR, names campaign c3), asset case-study 40,
 *             won 50 (1200, no currency)
 * b  c1 web   lead 5, mql 15, handoff 16, sal 40, opp 60 (500, no currency): open in sql
 * c  c2 email lead 8, mql 20, handoff 21, rejected 30 ("no budget"): open in mql
 * d  c2 email opp -50 (300 USD), asset case-study 60, lost 70
 * e  c1       lead 20, opp 25 (no amount), asset unpublished-deck 30, won 80 (no amount)
 * f  c1       lead -300, mql -290, handoff -285, sal -280, opp -270 (800), won -200 (800)
 * g  c9       opp -260 (400), lost -150
 * campaigns: c1 launched 0 (budget 1000 EUR) publishes case-study and webinar at 1;
 *            c2 launched -400 (budget 600, no currency) publishes pricing-sheet at -390;
 *            c3 launched 1 without budget; c9 never launched.
 * </pre>
 */
final class MoneyScenario {

    static final FlowMap MAP = new FlowMap("funnel", 3, Fixtures.FUNNEL.stages(), Fixtures.FUNNEL.handoffs(), "EUR");

    private static final AtomicLong SEQ = new AtomicLong(1_000_000);

    private MoneyScenario() {
    }

    static List<Fixtures.Journey> journeys() {
        return List.of(
                journey("a").step("LeadCaptured", h(0), "campaignId", "c1", "segmentId", "s1", "channel", "web")
                        .step("LeadQualified", h(10)).step("LeadHandedOff", h(12), "to", "sales")
                        .step("LeadAccepted", h(20))
                        .step("OpportunityOpened", h(30), "amount", "1000", "currency", "EUR", "campaignId", "c3")
                        .step("AssetUsed", h(40), "assetId", "case-study")
                        .step("DealWon", h(50), "amount", "1200"),
                journey("b").step("LeadCaptured", h(5), "campaignId", "c1", "segmentId", "s1", "channel", "web")
                        .step("LeadQualified", h(15)).step("LeadHandedOff", h(16), "to", "sales")
                        .step("LeadAccepted", h(40)).step("OpportunityOpened", h(60), "amount", "500"),
                journey("c").step("LeadCaptured", h(8), "campaignId", "c2", "segmentId", "s2", "channel", "email")
                        .step("LeadQualified", h(20)).step("LeadHandedOff", h(21), "to", "sales")
                        .step("LeadRejected", h(30), "reason", "no budget"),
                journey("d").step("OpportunityOpened", h(-50), "amount", "300", "currency", "USD", "campaignId", "c2",
                                  "channel", "email")
                        .step("AssetUsed", h(60), "assetId", "case-study")
                        .step("DealLost", h(70), "reason", "price"),
                journey("e").step("LeadCaptured", h(20), "campaignId", "c1")
                        .step("OpportunityOpened", h(25)).step("AssetUsed", h(30), "assetId", "unpublished-deck")
                        .step("DealWon", h(80)),
                journey("f").step("LeadCaptured", h(-300), "campaignId", "c1").step("LeadQualified", h(-290))
                        .step("LeadHandedOff", h(-285), "to", "sales").step("LeadAccepted", h(-280))
                        .step("OpportunityOpened", h(-270), "amount", "800").step("DealWon", h(-200), "amount", "800"),
                journey("g").step("OpportunityOpened", h(-260), "amount", "400", "campaignId", "c9")
                        .step("DealLost", h(-150)));
    }

    static List<CampaignFacts> campaigns() {
        return List.of(
                campaign("c1", step("CampaignLaunched", h(0), "segmentId", "s1", "name", "Spring webinar",
                                    "channel", "web", "budget", "1000", "currency", "EUR"),
                         step("AssetPublished", h(1), "assetId", "case-study", "kind", "case-study"),
                         step("AssetPublished", h(1), "assetId", "webinar", "kind", "webinar")),
                campaign("c2", step("CampaignLaunched", h(-400), "segmentId", "s2", "budget", "600"),
                         step("AssetPublished", h(-390), "assetId", "pricing-sheet", "kind", "sheet")),
                campaign("c3", step("CampaignLaunched", h(1), "segmentId", "s1", "name", "Referral")));
    }

    static FlowSnapshot snapshot(Cut cut) {
        List<JourneyFacts> facts = new ArrayList<>();
        journeys().forEach(j -> facts.add(j.facts()));
        return FlowSnapshot.fromFacts(MAP, facts, cut);
    }

    static StepFact step(String type, Instant at, String... attributes) {
        long seq = SEQ.incrementAndGet();
        return new StepFact("campaign-step-" + seq, type, at, at, seq, Fixtures.attributes(attributes));
    }

    static CampaignFacts campaign(String id, StepFact... steps) {
        return new CampaignFacts(id, List.of(steps));
    }
}

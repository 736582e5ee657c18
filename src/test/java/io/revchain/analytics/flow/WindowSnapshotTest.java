package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.CampaignFacts;
import io.revchain.analytics.ConversionMetrics;
import io.revchain.analytics.Cut;
import io.revchain.analytics.Dimension;
import io.revchain.analytics.FeedbackLoop;
import io.revchain.analytics.FlowFrames;
import io.revchain.analytics.FlowHandoff;
import io.revchain.analytics.FlowMap;
import io.revchain.analytics.FlowQuery;
import io.revchain.analytics.FlowSnapshot;
import io.revchain.analytics.FlowStage;
import io.revchain.analytics.GroupBy;
import io.revchain.analytics.HandoffSla;
import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.JourneyFilter;
import io.revchain.analytics.RevenueMetrics;
import io.revchain.analytics.SalesPack;
import io.revchain.analytics.Scorecard;
import io.revchain.analytics.StageMetrics;
import io.revchain.analytics.StepFact;
import io.revchain.analytics.TransitionMetrics;
import io.revchain.analytics.ValueMetrics;
import io.revchain.analytics.Velocity;
import io.revchain.analytics.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A read of one window takes only the journeys active in it, and cached flows without their steps; every figure must
 * still be exactly what the pure functions give over every journey's facts: flow figures, frames and comparisons over
 * the window's journeys, money and loop figures over all, under every kind of cut, filter, grouping and map version,
 * before and after more facts arrive.
 */
class WindowSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

    static final FlowMap FUNNEL = new FlowMap("funnel", 1, List.of(
            new FlowStage("lead", "Lead", "marketing", Set.of("LeadCaptured"), null, false),
            new FlowStage("engaged", "Engaged", "marketing", Set.of("Webinar", "Download"), Duration.ofDays(14), false),
            new FlowStage("mql", "MQL", "marketing", Set.of("LeadQualified"), Duration.ofHours(24), false),
            new FlowStage("sal", "SAL", "sales", Set.of("LeadAccepted"), Duration.ofHours(48), false),
            new FlowStage("sql", "Opportunity", "sales", Set.of("OpportunityOpened", "Demo"), Duration.ofDays(20),
                          false),
            new FlowStage("won", "Won", "sales", Set.of("DealWon"), null, false),
            new FlowStage("lost", "Lost", "sales", Set.of("DealLost", "LeadDisqualified"), null, false)),
            List.of(new FlowHandoff("mql", "sal", "revops", "BANT")), "EUR");

    /** Another version: fewer stages, the opportunity stage flagged terminal, a custom type entering two stages. */
    static final FlowMap SHORT = new FlowMap("funnel", 2, List.of(
            new FlowStage("lead", "Lead", "marketing", Set.of("LeadCaptured", "Webinar"), null, false),
            new FlowStage("mql", "MQL", "marketing", Set.of("LeadQualified", "Webinar"), Duration.ofHours(24), false),
            new FlowStage("sql", "Opportunity", "sales", Set.of("OpportunityOpened"), null, true),
            new FlowStage("won", "Won", "sales", Set.of("DealWon"), null, false)),
            List.of(), "EUR");

    private static final String[] CHANNELS = {"web", "email", "event", null};
    private static final String[] MIDDLE = {"Webinar", "Download", "Demo", "LeadRejected", "FeedbackRecorded"};

    @Test
    void windowReadsGiveTheFiguresOfAllJourneys_underEveryCutFilterGroupingAndMap() {
        Random random = new Random(2024);
        FactStore store = new FactStore(1 << 10);
        Map<String, Map<String, StepFact>> facts = new LinkedHashMap<>();
        long[] seq = {0};
        for (int j = 0; j < 1_500; j++) {
            addJourney(random, "j" + j, store, facts, seq);
        }
        boundaryJourneys(store, facts, seq);
        List<CampaignFacts> campaigns = campaigns(store, seq);
        MapView.Budget budget = new MapView.Budget(1 << 20);
        Map<FlowMap, MapView> views = Map.of(FUNNEL, new MapView(FUNNEL, budget), SHORT, new MapView(SHORT, budget));

        compareEverything(store, views, facts, campaigns, random);
        // Cache hits, and more facts arriving after the views were built (the change ring overflows too).
        compareEverything(store, views, facts, campaigns, random);
        for (int j = 0; j < 1_200; j++) {
            addJourney(random, "j" + random.nextInt(2_000), store, facts, seq);
        }
        compareEverything(store, views, facts, campaigns, random);
        for (int j = 0; j < 40; j++) {
            addJourney(random, "j" + random.nextInt(2_000), store, facts, seq);
        }
        compareEverything(store, views, facts, campaigns, random);
    }

    private void compareEverything(FactStore store, Map<FlowMap, MapView> views,
                                   Map<String, Map<String, StepFact>> facts, List<CampaignFacts> campaigns,
                                   Random random) {
        List<JourneyFacts> all = new ArrayList<>();
        facts.forEach((id, steps) -> all.add(new JourneyFacts(id, new ArrayList<>(steps.values()))));
        Collections.shuffle(all, random);
        List<Cut> cuts = List.of(Cut.asOf(NOW), Cut.asOf(Instant.parse("2025-05-15T12:00:00Z")),
                                 new Cut(NOW, Instant.parse("2025-08-01T00:00:00Z")),
                                 new Cut(Instant.parse("2025-06-30T23:59:59.999999999Z"),
                                         Instant.parse("2025-09-01T00:00:00Z")),
                                 Cut.asOf(Instant.parse("2024-02-01T00:00:00Z")));
        List<Window> windows = List.of(Window.quarter(2025, 2, ZoneOffset.UTC), Window.quarter(2025, 4, ZoneOffset.UTC),
                                       Window.quarter(2024, 1, ZoneOffset.UTC),
                                       new Window(Instant.parse("2025-03-03T10:00:00Z"),
                                                  Instant.parse("2025-03-04T10:00:00Z")),
                                       new Window(null, Instant.parse("2025-01-01T00:00:00Z")),
                                       new Window(Instant.parse("2025-09-01T00:00:00Z"), null), Window.ALL,
                                       new Window(Instant.parse("2025-05-01T00:00:00Z"),
                                                  Instant.parse("2025-05-01T00:00:00Z")),
                                       new Window(Instant.parse("2026-06-01T00:00:00Z"),
                                                  Instant.parse("2026-09-01T00:00:00Z")));
        List<JourneyFilter> filters = List.of(JourneyFilter.NONE,
                                              new JourneyFilter(Map.of(Dimension.CHANNEL, "web")),
                                              new JourneyFilter(Map.of(Dimension.CHANNEL, GroupBy.NONE)),
                                              new JourneyFilter(Map.of(Dimension.of("product"), "p1")));
        List<GroupBy> groupings = new ArrayList<>();
        groupings.add(null);
        groupings.add(GroupBy.CHANNEL);
        groupings.add(GroupBy.OWNER);
        groupings.add(GroupBy.by("product"));
        for (FlowMap map : List.of(FUNNEL, SHORT)) {
            MapView view = views.get(map);
            for (Cut cut : cuts) {
                FlowSnapshot everything = FlowSnapshot.fromFacts(map, all, cut);
                FlowSnapshot stored = MapFacts.build(store, view, cut, null);
                for (Window window : windows) {
                    FlowSnapshot inWindow = MapFacts.build(store, view, cut, List.of(window));
                    assertThat(inWindow.journeys().size()).isLessThanOrEqualTo(everything.journeys().size());
                    for (JourneyFilter filter : filters) {
                        for (GroupBy groupBy : groupings) {
                            FlowQuery query = new FlowQuery(window, filter, groupBy);
                            String what = map.version() + " " + cut + " " + window + " " + filter + " " + groupBy;
                            assertThat(StageMetrics.stages(inWindow, query)).as(what)
                                    .isEqualTo(StageMetrics.stages(everything, query));
                            assertThat(TransitionMetrics.transitions(inWindow, query)).as(what)
                                    .isEqualTo(TransitionMetrics.transitions(everything, query));
                            assertThat(ConversionMetrics.conversions(inWindow, query)).as(what)
                                    .isEqualTo(ConversionMetrics.conversions(everything, query));
                        }
                        FlowQuery ungrouped = new FlowQuery(window, filter, null);
                        if (window.from() != null && !window.from().isAfter(cut.asOf())
                                && (window.to() == null || window.from().isBefore(window.to()))) {
                            assertThat(FlowFrames.frames(inWindow, ungrouped, Duration.ofDays(9)))
                                    .isEqualTo(FlowFrames.frames(everything, ungrouped, Duration.ofDays(9)));
                        }
                    }
                }
                Window a = windows.get(0);
                Window b = windows.get(1);
                FlowSnapshot both = MapFacts.build(store, view, cut, List.of(a, b));
                assertThat(StageMetrics.stages(both, FlowQuery.in(b))).isEqualTo(
                        StageMetrics.stages(everything, FlowQuery.in(b)));
                assertThat(TransitionMetrics.transitions(both, FlowQuery.in(a))).isEqualTo(
                        TransitionMetrics.transitions(everything, FlowQuery.in(a)));
                for (Window window : List.of(windows.get(0), windows.get(1), Window.ALL)) {
                    for (GroupBy groupBy : groupings) {
                        FlowQuery query = new FlowQuery(window, JourneyFilter.NONE, groupBy);
                        assertThat(ValueMetrics.of(stored, query, Duration.ofDays(365)))
                                .isEqualTo(ValueMetrics.of(everything, query, Duration.ofDays(365)));
                        assertThat(RevenueMetrics.of(stored, campaigns, query))
                                .isEqualTo(RevenueMetrics.of(everything, campaigns, query));
                        assertThat(SalesPack.of(stored, campaigns, query))
                                .isEqualTo(SalesPack.of(everything, campaigns, query));
                        assertThat(FeedbackLoop.feedback(stored, query))
                                .isEqualTo(FeedbackLoop.feedback(everything, query));
                        assertThat(FeedbackLoop.rejections(stored, query))
                                .isEqualTo(FeedbackLoop.rejections(everything, query));
                        assertThat(HandoffSla.adherence(stored, query)).isEqualTo(HandoffSla.adherence(everything,
                                                                                                        query));
                    }
                    if (window.from() != null) {
                        FlowQuery query = FlowQuery.in(window);
                        assertThat(Velocity.byQuarter(stored, query)).isEqualTo(Velocity.byQuarter(everything, query));
                        assertThat(Scorecard.of(stored, query, Duration.ofDays(365), List.of()))
                                .isEqualTo(Scorecard.of(everything, query, Duration.ofDays(365), List.of()));
                    }
                }
            }
        }
    }

    /** A journey's steps with the roughness of real data, added to the store in arrival order and to the expected. */
    private static void addJourney(Random random, String id, FactStore store,
                                   Map<String, Map<String, StepFact>> facts, long[] seq) {
        Instant t = Instant.parse("2024-01-01T00:00:00Z").plusSeconds((long) (random.nextDouble() * 63_000_000));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        List<StepFact> steps = new ArrayList<>();
        int length = 1 + random.nextInt(9);
        for (int i = 0; i < length; i++) {
            String type;
            if (i == 0 && random.nextInt(5) > 0) {
                type = "LeadCaptured";
            } else if (i == length - 1 && random.nextInt(3) == 0) {
                type = new String[] {"DealWon", "DealLost", "LeadDisqualified"}[random.nextInt(3)];
            } else {
                int r = random.nextInt(10);
                type = r < 2 ? "LeadQualified" : r < 3 ? "LeadAccepted" : r < 4 ? "OpportunityOpened"
                        : r < 5 ? "LeadHandedOff" : r < 6 ? "AssetUsed" : MIDDLE[random.nextInt(MIDDLE.length)];
            }
            Map<String, String> attributes = new HashMap<>();
            if (channel != null && random.nextInt(3) > 0) {
                attributes.put("channel", channel);
            }
            if (random.nextBoolean()) {
                attributes.put("owner", "rep" + random.nextInt(4));
            }
            if (type.equals("LeadHandedOff")) {
                attributes.put("to", "ae" + random.nextInt(3));
            }
            if (type.equals("OpportunityOpened") || type.equals("DealWon")) {
                attributes.put("amount", Integer.toString(1_000 + random.nextInt(20) * 500));
                attributes.put("product", "p" + random.nextInt(3));
                if (random.nextInt(10) == 0) {
                    attributes.put("currency", "USD");
                }
            }
            if (type.equals("LeadRejected") || type.equals("DealLost")) {
                attributes.put("reason", random.nextBoolean() ? "no budget" : "bad fit");
            }
            if (type.equals("AssetUsed")) {
                attributes.put("assetId", "a" + random.nextInt(4));
            }
            if (random.nextInt(8) == 0) {
                attributes.put("campaignId", "c" + random.nextInt(3));
            }
            Instant recorded = random.nextInt(10) == 0 ? t.plusSeconds(random.nextInt(60 * 86_400)) : t;
            Instant occurred = random.nextInt(40) == 0 ? t.plusNanos(random.nextInt(1_000_000_000)) : t;
            steps.add(new StepFact(id + "-" + random.nextInt(12), type, occurred, recorded, ++seq[0], attributes));
            t = t.plusSeconds((long) (-Math.log(1 - random.nextDouble()) * 20 * 86_400));
        }
        if (random.nextInt(300) == 0) {
            // Stored before the chain checked business times: beyond what nanoseconds since 1970 can hold.
            steps.add(new StepFact(id + "-far", "Webinar", Instant.parse("2301-01-01T00:00:00Z"), t, ++seq[0],
                                   Map.of()));
        }
        Collections.shuffle(steps, random);
        for (StepFact step : steps) {
            Map<String, StepFact> known = facts.computeIfAbsent(id, k -> new LinkedHashMap<>());
            boolean isNew = !known.containsKey(step.stepId());
            known.putIfAbsent(step.stepId(), step);
            assertThat(store.addJourneyStep(step, id)).isEqualTo(isNew);
        }
    }

    /** Journeys whose steps fall exactly on window bounds and cut instants, where an index is easiest to get wrong. */
    private static void boundaryJourneys(FactStore store, Map<String, Map<String, StepFact>> facts, long[] seq) {
        List<Instant> bounds = List.of(Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"),
                                       Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2025-03-03T10:00:00Z"),
                                       Instant.parse("2025-03-04T10:00:00Z"), Instant.parse("2025-05-15T12:00:00Z"),
                                       Instant.parse("2025-05-01T00:00:00Z"));
        List<List<String>> paths = List.of(List.of("LeadCaptured"), List.of("LeadCaptured", "LeadQualified"),
                                           List.of("LeadQualified", "DealWon"), List.of("Webinar", "LeadDisqualified"),
                                           List.of("LeadCaptured", "Demo", "OpportunityOpened"));
        int n = 0;
        for (Instant bound : bounds) {
            for (List<String> path : paths) {
                for (int last = 0; last < path.size(); last++) {
                    String id = "b" + n++;
                    Map<String, StepFact> steps = facts.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    for (int i = 0; i < path.size(); i++) {
                        // The step at index `last` falls on the bound; the others a day apart around it.
                        Instant at = bound.plus(Duration.ofDays(i - last));
                        StepFact step = new StepFact(id + "-" + i, path.get(i), at, at, ++seq[0],
                                                     Map.of("channel", "web"));
                        steps.put(step.stepId(), step);
                        store.addJourneyStep(step, id);
                    }
                }
            }
        }
    }

    private static List<CampaignFacts> campaigns(FactStore store, long[] seq) {
        for (int c = 0; c < 3; c++) {
            store.addCampaignStep(new StepFact("launch-" + c, "CampaignLaunched",
                                               Instant.parse("2024-03-01T00:00:00Z").plusSeconds(c * 86_400L * 90),
                                               Instant.parse("2024-03-01T00:00:00Z"), ++seq[0],
                                               Map.of("budget", "5000", "segmentId", "s" + c, "channel", "web")),
                                  "c" + c);
        }
        return store.campaigns();
    }
}

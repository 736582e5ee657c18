package io.revchain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Test facts on an hour grid: h(5) is five hours after T0. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** Lead -> MQL (SLA 24h) -> SAL (SLA 48h) -> Opportunity -> Won | Lost; MQL to SAL is the agreed handoff. */
    static final FlowMap FUNNEL = new FlowMap("funnel", 3, List.of(
            new FlowStage("lead", "Lead", "marketing", Set.of("LeadCaptured"), null, false),
            new FlowStage("mql", "MQL", "marketing", Set.of("LeadQualified"), Duration.ofHours(24), false),
            new FlowStage("sal", "SAL", "sales", Set.of("LeadAccepted"), Duration.ofHours(48), false),
            new FlowStage("sql", "Opportunity", "sales", Set.of("OpportunityOpened"), null, false),
            new FlowStage("won", "Won", "sales", Set.of("DealWon"), null, false),
            new FlowStage("lost", "Lost", "sales", Set.of("DealLost", "LeadDisqualified"), null, false)),
            List.of(new FlowHandoff("mql", "sal", "revops", "BANT complete")));

    private static final AtomicLong SEQ = new AtomicLong();

    private Fixtures() {
    }

    static Instant h(double hours) {
        return T0.plus(Duration.ofSeconds(Math.round(hours * 3600)));
    }

    static Journey journey(String id) {
        return new Journey(id);
    }

    static FlowSnapshot snapshot(FlowMap map, Cut cut, Journey... journeys) {
        List<JourneyFacts> facts = new ArrayList<>();
        for (Journey j : journeys) {
            facts.add(j.facts());
        }
        return FlowSnapshot.fromFacts(map, facts, cut);
    }

    static final class Journey {
        private final String id;
        private final List<StepFact> steps = new ArrayList<>();

        private Journey(String id) {
            this.id = id;
        }

        /** A step learned when it happened. Attributes as key, value pairs. */
        Journey step(String type, Instant at, String... attributes) {
            return recorded(type, at, at, attributes);
        }

        /** A step revchain learned at {@code recordedAt}, possibly long after it happened. */
        Journey recorded(String type, Instant at, Instant recordedAt, String... attributes) {
            long seq = SEQ.incrementAndGet();
            return fact(new StepFact(id + "-" + seq, type, at, recordedAt, seq, attributes(attributes)));
        }

        Journey fact(StepFact fact) {
            steps.add(fact);
            return this;
        }

        JourneyFacts facts() {
            return new JourneyFacts(id, steps);
        }

        JourneyFlow under(FlowMap map, Cut cut) {
            return JourneyTimeline.of(facts(), map).under(cut);
        }
    }

    static Map<String, String> attributes(String... kv) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }
}

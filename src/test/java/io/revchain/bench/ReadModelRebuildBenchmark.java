package io.revchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.revchain.journey.DealLost;
import io.revchain.journey.JourneyEvent;
import io.revchain.journey.LeadAccepted;
import io.revchain.journey.LeadCaptured;
import io.revchain.journey.LeadHandedOff;
import io.revchain.journey.LeadQualified;
import io.revchain.journey.OpportunityOpened;
import io.revchain.chain.BusinessFunction;
import io.revchain.map.MapDefined;
import io.revchain.map.Stage;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rebuild of the read models from ~250k journey events ({@code -Dbench.events=...}), against a raw read of the
 * same event documents on the same server in the same run. H2 backend by default ({@code -Dbench.backend=memory}).
 * {@code mvn -B -Pbench test -Dtest=ReadModelRebuildBenchmark}
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revchain.mongodb.embedded.backend=${bench.backend:h2}",
        "revchain.mongodb.embedded.data-dir=target/bench-data/readmodel-${random.uuid}"})
@AutoConfigureWebTestClient(timeout = "PT60S")
class ReadModelRebuildBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 250_000);
    private static final int STEPS_PER_JOURNEY = 5;
    private static final int COMMIT = 1_000;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String ORDER = System.getProperty("bench.order", "time");

    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ApplicationContext context;
    @Autowired
    WebTestClient http;

    @Test
    void rebuild_comparedWithARawReadOfTheSameEvents() throws Exception {
        // Only the rebuild reads the store while measuring.
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        context.getBean("journeyFactIndex", Lifecycle.class).stop();
        int journeys = EVENTS / STEPS_PER_JOURNEY;
        long t0 = System.nanoTime();
        appendMap();
        appendJourneys(journeys);
        double appendSeconds = BenchReport.seconds(System.nanoTime() - t0);
        long head = engine.headSequence();

        MongoCollection<Document> events = database.getCollection("events");
        RawReads.Rate scan = RawReads.fullScan(events);
        long scanned = scan.documents();
        double scanRate = scan.perSecond();
        double keyRate = RawReads.byKeyBatches(events, head).perSecond();

        t0 = System.nanoTime();
        http.post().uri("/api/admin/rebuild").exchange().expectStatus().isAccepted();
        Map<?, ?> status;
        do {
            Thread.sleep(200);
            status = http.get().uri("/api/admin/rebuild").exchange().expectStatus().isOk()
                         .expectBody(Map.class).returnResult().getResponseBody();
        } while ("RUNNING".equals(status.get("state")) || "SWITCHING".equals(status.get("state")));
        double wall = BenchReport.seconds(System.nanoTime() - t0);
        assertThat(status.get("state")).isEqualTo("COMPLETED");
        long processed = ((Number) status.get("eventsProcessed")).longValue();
        double seconds = Duration.between(Instant.parse((String) status.get("startedAt")),
                                          Instant.parse((String) status.get("finishedAt"))).toMillis() / 1000.0;
        double rebuildRate = processed / seconds;
        @SuppressWarnings("unchecked")
        Map<String, String> collections = (Map<String, String>) status.get("collections");
        long visits = database.getCollection(collections.get("stage_visits")).countDocuments();
        long steps = database.getCollection(collections.get("journey_steps")).countDocuments();

        BenchReport.heading("Read models: rebuild of %,d events (%,d journeys, %s order)".formatted(processed, journeys,
                                                                                                 ORDER));
        BenchReport.line("- appended through the engine in commits of %,d: %.1f s", COMMIT, appendSeconds);
        BenchReport.line("- raw full scan: %,.0f docs/s; raw `_id $in` batches of 1,000: %,.0f docs/s", scanRate,
                         keyRate);
        BenchReport.line("- rebuild (read, fold, write %,d step rows, %,d journeys, %,d stage visits): %,.0f events/s "
                                 + "(%.1f s; %.1f s from POST to COMPLETED seen)", steps, journeys, visits,
                         rebuildRate, seconds, wall);
        BenchReport.line("- ratio to full scan **%.2f×**, to `$in` batches **%.2f×**", rebuildRate / scanRate,
                         rebuildRate / keyRate);
        assertThat(steps).isEqualTo((long) journeys * STEPS_PER_JOURNEY);
        assertThat(visits).isGreaterThanOrEqualTo(journeys * 4L);
    }

    private void appendMap() {
        MapDefined map = new MapDefined("bench", "Bench funnel", List.of(
                new Stage("lead", "Lead", BusinessFunction.MARKETING, List.of("LeadCaptured"), null, false),
                new Stage("mql", "MQL", BusinessFunction.MARKETING, List.of("LeadQualified"), 48, false),
                new Stage("sal", "SAL", BusinessFunction.SALES, List.of("LeadAccepted"), 24, false),
                new Stage("sql", "SQL", BusinessFunction.SALES, List.of("OpportunityOpened"), null, false),
                new Stage("lost", "Lost", BusinessFunction.SALES, List.of("DealLost"), null, false)), List.of());
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("SupplyChainMap", "map:bench", 0, map)));
    }

    /**
     * {@code bench.order=time} (default): events in business-time order, journeys starting ten minutes apart, each
     * over about ten days, as live recording gives them. {@code spread}: step k of every journey, then step k + 1, so
     * that no two steps of a journey are close: the worst case for the rebuild's in-memory window.
     */
    private void appendJourneys(int journeys) {
        List<int[]> order = new ArrayList<>(journeys * STEPS_PER_JOURNEY);
        for (int step = 0; step < STEPS_PER_JOURNEY; step++) {
            for (int j = 0; j < journeys; j++) {
                order.add(new int[] {j, step});
            }
        }
        if (!"spread".equals(ORDER)) {
            order.sort(Comparator.comparing((int[] e) -> event("J" + e[0], e[0], e[1]).occurredAt())
                                 .thenComparingInt(e -> e[0]));
        }
        List<EventMessage<?>> commit = new ArrayList<>(COMMIT);
        for (int[] e : order) {
            String id = "J" + e[0];
            commit.add(new GenericDomainEventMessage<>("Journey", "journey:" + id, e[1], event(id, e[0], e[1])));
            if (commit.size() == COMMIT) {
                engine.appendEvents(commit);
                commit = new ArrayList<>(COMMIT);
            }
        }
        if (!commit.isEmpty()) {
            engine.appendEvents(commit);
        }
    }

    private static JourneyEvent event(String id, int j, int step) {
        Instant start = T0.plus(Duration.ofMinutes(10L * j));
        Map<String, String> none = Map.of();
        return switch (step) {
            case 0 -> new LeadCaptured(id, "seg-" + j % 7, "cmp-" + j % 31, j % 2 == 0 ? "webinar" : "ads", "bench",
                                       none, start, "s0");
            case 1 -> new LeadQualified(id, 60.0 + j % 40, none, start.plus(Duration.ofHours(20 + j % 50)), "s1");
            case 2 -> new LeadHandedOff(id, "rep-" + j % 13, none, start.plus(Duration.ofHours(80)), "s2");
            case 3 -> new LeadAccepted(id, none, start.plus(Duration.ofHours(90 + j % 30)), "s3");
            default -> j % 3 == 0
                    ? new DealLost(id, "budget", null, none, start.plus(Duration.ofHours(200)), "s4")
                    : new OpportunityOpened(id, BigDecimal.valueOf(1_000 + j % 500), none,
                                            start.plus(Duration.ofHours(150 + j % 100)), "s4");
        };
    }
}

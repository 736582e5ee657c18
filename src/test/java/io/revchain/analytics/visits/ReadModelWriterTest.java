package io.revchain.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.revchain.analytics.visits.ReadModelWriter.Recorded;
import io.revchain.journey.DealWon;
import io.revchain.journey.LeadAccepted;
import io.revchain.journey.LeadCaptured;
import io.revchain.journey.LeadHandedOff;
import io.revchain.journey.LeadQualified;
import io.revchain.map.MapDefined;
import io.revchain.map.MapRevised;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Delivery is at least once and batches are cut anywhere: the documents must not depend on either. */
class ReadModelWriterTest extends ReadModelTestSupport {

    @Autowired
    ReadModelWriter writer;

    private final List<Generation> scratch = new ArrayList<>();
    private String mapId;
    private List<Recorded> events;

    @BeforeEach
    void mapAndEvents() {
        mapId = unique("funnel");
        putMap(mapId, List.of(stage("lead", "Lead", "MARKETING", "LeadCaptured", null),
                              stage("mql", "MQL", "MARKETING", "LeadQualified", 48),
                              stage("sal", "SAL", "SALES", "LeadAccepted", null),
                              stage("won", "Won", "SALES", "DealWon", null)));
        putMap(mapId, List.of(stage("mql", "MQL", "MARKETING", "LeadQualified", 24),
                              stage("sal", "SAL", "SALES", "LeadAccepted", null),
                              stage("won", "Won", "SALES", "DealWon", null)));
        Map<String, String> none = Map.of();
        Instant day = Instant.parse("2025-07-01T00:00:00Z");
        long position = 1_000_000;
        events = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            String id = "W" + j;
            add(position++, new LeadCaptured(id, "seg", "cmp-" + j, "web", null, none, day.plusSeconds(j * 60L), "c"));
            add(position++, new LeadQualified(id, 70.0, none, day.plusSeconds(86_400 + j * 3_600L), "q"));
        }
        add(position++, new MapDefined(mapId, "ignored: the catalog's current version is applied", List.of(),
                                       List.of()));
        for (int j = 0; j < 6; j++) {
            String id = "W" + j;
            add(position++, new LeadHandedOff(id, "rep-" + j % 2, none, day.plusSeconds(2 * 86_400L), "h"));
            // Late: before the qualification in business time for the even journeys.
            add(position++, new LeadAccepted(id, none, day.plusSeconds(j % 2 == 0 ? 3_600 : 3 * 86_400L), "a"));
        }
        add(position++, new MapRevised(mapId, "ignored", List.of(), List.of(), List.of()));
        add(position++, new DealWon("W1", BigDecimal.TEN, none, day.plusSeconds(9 * 86_400L), "w"));
    }

    private void add(long position, Object payload) {
        events.add(new Recorded(position, Instant.parse("2025-07-02T00:00:00Z").plusMillis(position), payload));
    }

    @AfterEach
    void dropScratchGenerations() {
        for (Generation generation : scratch) {
            Generation.BASES.forEach(base -> database.getCollection(generation.collection(base)).drop());
        }
    }

    private Generation scratchGeneration() {
        Generation generation = new Generation(1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        scratch.add(generation);
        return generation;
    }

    private Map<String, List<Document>> documents(Generation generation) {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        Generation.BASES.forEach(base -> all.put(base, all(generation, base)));
        return all;
    }

    @Test
    void oneBatch_orOneEventPerBatch_giveTheSameDocuments() {
        Generation whole = scratchGeneration();
        Generation single = scratchGeneration();

        writer.apply(whole, events);
        for (Recorded event : events) {
            writer.apply(single, List.of(event));
        }

        Map<String, List<Document>> expected = documents(whole);
        assertThat(expected.get(Generation.STAGE_VISITS)).hasSize(6 * 2 + 1);
        assertThat(expected.get(Generation.JOURNEY_STEPS)).hasSize(6 * 4 + 1);
        assertThat(documents(single)).isEqualTo(expected);
    }

    @Test
    void redeliveredBatch_changesNothing() {
        Generation generation = scratchGeneration();
        writer.apply(generation, events);
        Map<String, List<Document>> once = documents(generation);

        writer.apply(generation, events);
        writer.apply(generation, events.subList(3, 17));

        assertThat(documents(generation)).isEqualTo(once);
    }

    @Test
    void batchCutShortBeforeItsJourneyDocuments_isCompletedWhenDeliveredAgain() {
        Generation generation = scratchGeneration();
        writer.apply(generation, events.subList(0, 12));
        writer.apply(generation, events.subList(12, events.size()));
        Map<String, List<Document>> complete = documents(generation);
        // As if the second batch stopped after its steps and visits: journeys still hold the first batch's steps,
        // and one visit the second batch wrote is gone again.
        Generation cut = scratchGeneration();
        writer.apply(cut, events.subList(0, 12));
        Map<String, List<Document>> firstBatch = documents(cut);
        writer.apply(cut, events.subList(12, events.size()));
        database.getCollection(cut.collection(Generation.JOURNEYS)).deleteMany(new Document());
        database.getCollection(cut.collection(Generation.JOURNEYS))
                .insertMany(firstBatch.get(Generation.JOURNEYS));
        database.getCollection(cut.collection(Generation.STAGE_VISITS))
                .deleteOne(Filters.eq("_id", mapId + "/W1/2"));

        writer.apply(cut, events.subList(12, events.size()));

        assertThat(documents(cut)).isEqualTo(complete);
    }
}

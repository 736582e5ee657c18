package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.analytics.JourneyFacts;
import io.revchain.analytics.StepFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The compact store gives back exactly the facts it was given: every id, time and attribute, in timeline order. */
class FactStoreTest {

    private static final Comparator<StepFact> TIMELINE =
            Comparator.comparing(StepFact::occurredAt).thenComparingLong(StepFact::recordSeq);

    @Test
    void everyFactComesBackExactly_inTimelineOrder_duplicatesDropped() {
        Random random = new Random(7);
        FactStore store = new FactStore();
        Map<String, Map<String, StepFact>> expected = new LinkedHashMap<>();
        long seq = 0;
        for (int n = 0; n < 20_000; n++) {
            String journeyId = "j-" + random.nextInt(1_500);
            StepFact fact = randomFact(random, journeyId, ++seq);
            Map<String, StepFact> steps = expected.computeIfAbsent(journeyId, k -> new LinkedHashMap<>());
            boolean isNew = !steps.containsKey(fact.stepId());
            steps.putIfAbsent(fact.stepId(), fact);
            assertThat(store.addJourneyStep(fact, journeyId)).isEqualTo(isNew);
        }
        Map<String, JourneyFacts> all = store.allJourneys();
        assertThat(all.keySet()).isEqualTo(expected.keySet());
        expected.forEach((journeyId, steps) -> {
            List<StepFact> sorted = new ArrayList<>(steps.values());
            sorted.sort(TIMELINE);
            assertThat(all.get(journeyId).steps()).as(journeyId).containsExactlyElementsOf(sorted);
        });
        assertThat(store.stepCount()).isEqualTo(expected.values().stream().mapToInt(Map::size).sum());
    }

    @Test
    void aRestoredStoreHoldsTheSameFacts_andGoesOnLikeTheOriginal() {
        Random random = new Random(11);
        FactStore store = new FactStore();
        long seq = 0;
        for (int n = 0; n < 5_000; n++) {
            String journeyId = "j-" + random.nextInt(400);
            store.addJourneyStep(randomFact(random, journeyId, ++seq), journeyId);
        }
        FactStore restored = FactStore.restore(store.freeze());
        assertThat(restored.allJourneys()).isEqualTo(store.allJourneys());
        for (int n = 0; n < 2_000; n++) {
            String journeyId = "j-" + random.nextInt(600);
            StepFact fact = randomFact(random, journeyId, ++seq);
            assertThat(restored.addJourneyStep(fact, journeyId)).isEqualTo(store.addJourneyStep(fact, journeyId));
        }
        assertThat(restored.allJourneys()).isEqualTo(store.allJourneys());
        assertThat(restored.stepCount()).isEqualTo(store.stepCount());
    }

    @Test
    void heapBytes_countEveryJourneysBytes_andGrowWithTheFacts() {
        Random random = new Random(5);
        FactStore store = new FactStore(1 << 10);
        long empty = store.heapBytes();
        long seq = 0;
        for (int n = 0; n < 10_000; n++) {
            String journeyId = "j-" + random.nextInt(800);
            store.addJourneyStep(randomFact(random, journeyId, ++seq), journeyId);
        }
        FactStore.Frozen frozen = store.freeze();
        long blobs = 0;
        for (byte[] blob : frozen.journeys()) {
            // Header 16 bytes, padded to 8: an array of 13 bytes takes 32.
            blobs += (16 + blob.length + 7) / 8 * 8;
        }
        long text = 0;
        for (String string : frozen.strings()) {
            text += string.length();
        }
        long full = store.heapBytes();
        // At least every journey's bytes and the dictionary's characters; at most that plus, per journey, a few
        // array slots (under 150 bytes with the arrays' room to grow), and per string its object and two bytes a
        // character, above what the empty store's arrays took.
        assertThat(full).isGreaterThan(empty + blobs + text)
                        .isLessThan(empty + blobs + 150L * frozen.journeys().length + 64L * frozen.strings().length
                                            + 2 * text);
        store.addJourneyStep(randomFact(random, "j-new", ++seq), "j-new");
        assertThat(store.heapBytes()).isGreaterThan(full);
    }

    /** Ids, times and attributes of the kinds real data has, and some it should not have but may. */
    static StepFact randomFact(Random random, String journeyId, long seq) {
        String stepId = switch (random.nextInt(7)) {
            case 0 -> "crm-export:" + hex(random, 32);
            case 1 -> UUID.nameUUIDFromBytes(Long.toString(random.nextLong() % 5_000).getBytes()).toString();
            case 2 -> journeyId + "-" + random.nextInt(30);
            case 3 -> "act-" + String.format(Locale.ROOT, "%08d", random.nextInt(100_000));
            case 4 -> "Schritt ä " + random.nextInt(2_000) + " ✓";
            case 5 -> hex(random, 9);
            default -> "e" + random.nextInt(50_000);
        };
        String type = random.nextInt(3) == 0 ? "LeadCaptured" : "Custom" + random.nextInt(12);
        long base = 1_700_000_000L + random.nextInt(60_000_000);
        Instant occurred = switch (random.nextInt(6)) {
            case 0 -> Instant.ofEpochSecond(base, random.nextInt(1_000_000_000));
            case 1 -> Instant.ofEpochSecond(base, random.nextInt(1000) * 1_000L);
            case 2 -> Instant.parse("1903-02-01T00:00:00Z").plusSeconds(random.nextInt(1_000));
            case 3 -> Instant.ofEpochSecond(base - random.nextInt(5), 0);
            default -> Instant.ofEpochSecond(base, random.nextInt(1000) * 1_000_000L);
        };
        Instant recorded = random.nextInt(20) == 0 ? Instant.ofEpochSecond(base + 1_000, 123)
                : Instant.ofEpochMilli(1_750_000_000_000L + seq);
        Map<String, String> attributes = new HashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> attributes.put("channel", "ch" + random.nextInt(5));
                case 1 -> attributes.put("owner", random.nextBoolean() ? "" : "rep-" + random.nextInt(40));
                case 2 -> attributes.put("amount", Integer.toString(random.nextInt(1_000_000)));
                case 3 -> attributes.put("comment", "note " + random.nextLong() + " é");
                case 4 -> attributes.put("Attr " + random.nextInt(3), "  ");
                default -> attributes.put("id", UUID.randomUUID().toString());
            }
        }
        return new StepFact(stepId, type, occurred, recorded, seq, attributes);
    }

    private static String hex(Random random, int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}

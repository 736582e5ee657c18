package io.revchain.analytics.visits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * One complete set of read-model collections. Every collection name carries the generation number
 * ({@code stage_visits_g3}); {@code read_model_generations} names the active one. See docs/read-models.md.
 */
record Generation(long number) {

    static final String JOURNEY_STEPS = "journey_steps";
    static final String JOURNEYS = "journeys";
    static final String STAGE_VISITS = "stage_visits";
    static final String VISIT_MAPS = "visit_maps";
    static final List<String> BASES = List.of(JOURNEY_STEPS, JOURNEYS, STAGE_VISITS, VISIT_MAPS);

    private static final Pattern NAME = Pattern.compile("(" + String.join("|", BASES) + ")_g(\\d+)");

    Generation {
        if (number < 1) {
            throw new IllegalArgumentException("generations count from 1");
        }
    }

    String collection(String base) {
        return base + "_g" + number;
    }

    /** Base name → this generation's collection, as the pointer document lists them for BI tools. */
    Map<String, String> collections() {
        Map<String, String> names = new LinkedHashMap<>();
        BASES.forEach(base -> names.put(base, collection(base)));
        return names;
    }

    Document collectionsDocument() {
        Document names = new Document();
        BASES.forEach(base -> names.append(base, collection(base)));
        return names;
    }

    Generation next() {
        return new Generation(number + 1);
    }

    /** The generation a read-model collection belongs to; empty for any other collection. */
    static OptionalLong of(String collectionName) {
        Matcher m = NAME.matcher(collectionName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "generation " + number;
    }
}

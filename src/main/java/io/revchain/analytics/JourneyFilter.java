package io.revchain.analytics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restricts the journeys a query looks at: a journey passes when it has every wanted value (the intersection of the
 * criteria). No criteria accepts all. The value {@link GroupBy#NONE} selects the journeys that lack the dimension,
 * so every grouped row can be drilled into.
 */
public record JourneyFilter(Map<Dimension, String> criteria) {

    public static final JourneyFilter NONE = new JourneyFilter(Map.of());

    public JourneyFilter {
        Map<Dimension, String> kept = new LinkedHashMap<>();
        if (criteria != null) {
            criteria.forEach((dimension, value) -> {
                if (dimension != null && value != null && !value.isBlank()) {
                    kept.put(dimension, value);
                }
            });
        }
        // Map.of() when empty: a read over every journey then asks an empty map, not a fresh iterator, per journey.
        criteria = kept.isEmpty() ? Map.of() : Collections.unmodifiableMap(kept);
    }

    /** The three origin filters the first API had; a null criterion accepts all. */
    public JourneyFilter(String channel, String segment, String campaign) {
        this(criteria(channel, segment, campaign));
    }

    private static Map<Dimension, String> criteria(String channel, String segment, String campaign) {
        Map<Dimension, String> criteria = new LinkedHashMap<>();
        criteria.put(Dimension.CHANNEL, channel);
        criteria.put(Dimension.SEGMENT, segment);
        criteria.put(Dimension.CAMPAIGN, campaign);
        return criteria;
    }

    /** This filter and one more criterion. */
    public JourneyFilter and(Dimension dimension, String value) {
        Map<Dimension, String> more = new LinkedHashMap<>(criteria);
        more.put(dimension, value);
        return new JourneyFilter(more);
    }

    public boolean isEmpty() {
        return criteria.isEmpty();
    }

    public boolean accepts(JourneyFlow journey) {
        if (criteria.isEmpty()) {
            return true;
        }
        for (Map.Entry<Dimension, String> criterion : criteria.entrySet()) {
            if (!matches(criterion.getValue(), criterion.getKey().valueOf(journey))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String wanted, String actual) {
        return actual == null ? GroupBy.NONE.equals(wanted) : wanted.equals(actual);
    }
}

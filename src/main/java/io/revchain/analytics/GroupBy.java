package io.revchain.analytics;

import java.util.Locale;
import java.util.function.Function;

/** A journey dimension that rows can be grouped by; journeys without the dimension fall in {@link #NONE}. */
public enum GroupBy {
    CHANNEL(JourneyDimensions::channel),
    SEGMENT(JourneyDimensions::segment),
    CAMPAIGN(JourneyDimensions::campaign),
    OWNER(JourneyDimensions::owner);

    /** Group value of journeys that lack the dimension; sorts after every real value. */
    public static final String NONE = "(none)";

    private final Function<JourneyDimensions, String> dimension;

    GroupBy(Function<JourneyDimensions, String> dimension) {
        this.dimension = dimension;
    }

    public String groupOf(JourneyDimensions dimensions) {
        String value = dimension.apply(dimensions);
        return value == null ? NONE : value;
    }

    /** Parses "channel|segment|campaign|owner" (any case); null or blank means ungrouped. */
    public static GroupBy fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("groupBy must be one of channel, segment, campaign, owner");
        }
    }

    static int compareGroups(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (NONE.equals(a)) {
            return 1;
        }
        if (NONE.equals(b)) {
            return -1;
        }
        return a.compareTo(b);
    }
}

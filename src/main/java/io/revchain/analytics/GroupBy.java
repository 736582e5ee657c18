package io.revchain.analytics;

import java.util.Objects;

/** The dimension rows are grouped by; journeys without a value fall in {@link #NONE}. */
public record GroupBy(Dimension dimension) {

    public static final GroupBy CHANNEL = new GroupBy(Dimension.CHANNEL);
    public static final GroupBy SEGMENT = new GroupBy(Dimension.SEGMENT);
    public static final GroupBy CAMPAIGN = new GroupBy(Dimension.CAMPAIGN);
    public static final GroupBy OWNER = new GroupBy(Dimension.OWNER);

    /** Group value of journeys that lack the dimension; sorts after every real value. */
    public static final String NONE = "(none)";

    public GroupBy {
        Objects.requireNonNull(dimension, "dimension");
    }

    public static GroupBy by(String attribute) {
        return new GroupBy(Dimension.of(attribute));
    }

    public String groupOf(JourneyFlow journey) {
        String value = dimension.valueOf(journey);
        return value == null ? NONE : value;
    }

    /** Parses a dimension name (see {@link Dimension#of}); null or blank means ungrouped. */
    public static GroupBy fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return by(value);
    }

    public static int compareGroups(String a, String b) {
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

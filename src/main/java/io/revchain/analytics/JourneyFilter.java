package io.revchain.analytics;

/**
 * Restricts the journeys a query looks at; a null criterion accepts all. The value {@link GroupBy#NONE} selects the
 * journeys that lack the dimension, so every grouped row can be drilled into.
 */
public record JourneyFilter(String channel, String segment, String campaign) {

    public static final JourneyFilter NONE = new JourneyFilter(null, null, null);

    public boolean accepts(JourneyDimensions d) {
        return matches(channel, d.channel()) && matches(segment, d.segment()) && matches(campaign, d.campaign());
    }

    private static boolean matches(String wanted, String actual) {
        if (wanted == null) {
            return true;
        }
        return actual == null ? GroupBy.NONE.equals(wanted) : wanted.equals(actual);
    }
}

package io.revchain.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A journey attribute figures can be grouped and filtered by, and which visible step's value wins. Origin dimensions
 * (channel, segment, campaign, source) take the earliest visible step carrying the attribute: where the journey came
 * from. Owner is the current assignment (a LeadHandedOff's "to" first). Any other attribute (product, account,
 * region...) takes the latest visible step carrying it, like a CRM record's current field.
 */
public record Dimension(String name, String attribute, Rule rule) {

    /** Which visible step's value is the journey's. */
    public enum Rule {
        /** The earliest visible step (timeline order) carrying the attribute. */
        ORIGIN,
        /** The latest visible step carrying the attribute. */
        LATEST,
        /** As LATEST, where a LeadHandedOff's "to" takes precedence over its "owner". */
        OWNER
    }

    public static final Dimension CHANNEL = new Dimension("channel", "channel", Rule.ORIGIN);
    public static final Dimension SEGMENT = new Dimension("segment", "segmentId", Rule.ORIGIN);
    public static final Dimension CAMPAIGN = new Dimension("campaign", "campaignId", Rule.ORIGIN);
    public static final Dimension SOURCE = new Dimension("source", "source", Rule.ORIGIN);
    public static final Dimension OWNER = new Dimension("owner", "owner", Rule.OWNER);

    /** The dimensions every read accepts, whether or not a step carries them yet. */
    public static final List<Dimension> BUILT_IN = List.of(CHANNEL, SEGMENT, CAMPAIGN, SOURCE, OWNER);

    public Dimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * The dimension a parameter names: a built-in one in any letter case ("segmentId" and "campaignId" are the
     * attribute names of segment and campaign), else the attribute of exactly that name, latest step wins.
     */
    public static Dimension of(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("name an attribute");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        for (Dimension d : BUILT_IN) {
            if (d.name.equals(lower) || d.attribute.toLowerCase(Locale.ROOT).equals(lower)) {
                return d;
            }
        }
        return new Dimension(trimmed, trimmed, Rule.LATEST);
    }

    private boolean is(Dimension other) {
        return this == other || equals(other);
    }

    public boolean builtIn() {
        return BUILT_IN.contains(this);
    }

    /** The journey's value under its cut, or null when no visible step carries the attribute. */
    public String valueOf(JourneyFlow journey) {
        // The four dimensions every flow already derives are read from it, not from the steps again.
        if (is(CHANNEL)) {
            return journey.dimensions().channel();
        }
        if (is(SEGMENT)) {
            return journey.dimensions().segment();
        }
        if (is(CAMPAIGN)) {
            return journey.dimensions().campaign();
        }
        if (is(OWNER)) {
            return journey.dimensions().owner();
        }
        List<StepFact> steps = journey.steps();
        if (rule == Rule.ORIGIN) {
            for (StepFact step : steps) {
                String value = step.attribute(attribute);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            String value = steps.get(i).attribute(attribute);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

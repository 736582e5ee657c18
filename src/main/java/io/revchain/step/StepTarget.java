package io.revchain.step;

/** The object a step belongs to. Kinds are in dispatch order: segments, then campaigns, then journeys. */
record StepTarget(Kind kind, String id) implements Comparable<StepTarget> {

    enum Kind {
        SEGMENT("segmentId"),
        CAMPAIGN("campaignId"),
        JOURNEY("journeyId");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    @Override
    public int compareTo(StepTarget other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : id.compareTo(other.id);
    }
}

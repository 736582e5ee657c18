package io.revchain.importing;

/** A row (or XES event) that cannot become steps: the whole row is reported and left out, the import goes on. */
final class RowRejectedException extends Exception {

    private final String field;
    private final String stepType;

    RowRejectedException(String field, String stepType, String reason) {
        super(reason, null, false, false);
        this.field = field;
        this.stepType = stepType;
    }

    String field() {
        return field;
    }

    String stepType() {
        return stepType;
    }
}

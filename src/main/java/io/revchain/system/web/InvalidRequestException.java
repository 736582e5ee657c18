package io.revchain.system.web;

import java.util.List;

/** A request refused as a whole with HTTP 400; nothing of it was stored. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(FieldError.of(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "Invalid request";
        }
        FieldError first = errors.get(0);
        String where = first.index() == null ? "" : "[" + first.index() + "] ";
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return where + first.field() + ": " + first.reason() + more;
    }
}

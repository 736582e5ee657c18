package io.revchain.system.web;

/** One reason a request was refused: the item's position in a batch (or null), the field, and why. */
public record FieldError(Integer index, String field, String reason) {

    public static FieldError of(String field, String reason) {
        return new FieldError(null, field, reason);
    }
}

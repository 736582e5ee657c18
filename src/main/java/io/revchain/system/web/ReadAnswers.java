package io.revchain.system.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a read answers when its Java return type cannot say (a {@code ResponseEntity<?>} chosen at run time): JSON
 * documents, JSON rows, and CSV of those rows ({@link Tabular}). The OpenAPI document is built from it: 200 with
 * {@code application/json} (one of the documents, or an array of one row type) and, when there are rows,
 * {@code text/csv} with their columns and the {@code format} parameter.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadAnswers {

    /** The JSON documents the read can answer (without {@code part}, or when it compares two windows). */
    Class<?>[] documents() default {};

    /** The rows it answers as a JSON array or as CSV, one type per table; the first is CSV's default table. */
    Class<? extends Record>[] rows() default {};
}

package io.revchain.analytics.flow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read of a map under the shared query parameters: {@link FlowParameters#COMMON} (window, cut, filters,
 * groupBy, definitions, format) and {@code filter.<attribute>}, {@code a} and {@code b} when it compares two windows,
 * and the handler's own {@code @Parameter(in = QUERY)} declarations. {@link FlowParameters#parse(
 * org.springframework.web.server.ServerWebExchange, java.time.Instant)} accepts exactly those, and the OpenAPI
 * document lists exactly those ({@link FlowParameterDocs}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MapRead {

    /** Whether the read compares two windows {@code a} and {@code b}. */
    Comparison compare() default Comparison.NONE;

    /** Shared parameters this read does not take (an export is not grouped, for one); refused as unknown. */
    String[] without() default {};

    enum Comparison {
        /** One window. */
        NONE,
        /** One window, or {@code a} and {@code b} instead of it. */
        OPTIONAL,
        /** Always {@code a} and {@code b}. */
        REQUIRED
    }
}

package io.revchain.system.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an endpoint class's path variables once for all its operations (a description and an example each, by
 * {@code name}), instead of an annotation on every {@code @PathVariable}. An {@code @Parameter} on the method
 * parameter itself still wins.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PathVariables {

    Parameter[] value();
}

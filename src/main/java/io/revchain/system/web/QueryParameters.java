package io.revchain.system.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The query parameters an operation takes are the ones it declares with {@code @Parameter(in = QUERY)} on the handler
 * method, plus {@code format} where it answers CSV ({@link ReadAnswers} with rows). The OpenAPI document lists exactly
 * those, and the endpoint refuses any other ({@link #refuseUnknown}, or FlowParameters for map reads): a parameter
 * cannot be read without being documented, and a typo never silently changes an answer.
 */
public final class QueryParameters {

    public static final String FORMAT = "format";

    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    private QueryParameters() {
    }

    /** The handler method chosen for this request (set by the annotated-controller handler mapping). */
    public static Method handler(ServerWebExchange exchange) {
        Object handler = exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if (handler instanceof HandlerMethod method) {
            return method.getMethod();
        }
        throw new IllegalStateException("No annotated handler method for " + exchange.getRequest().getPath());
    }

    /** The query parameters the method declares, in declaration order, {@code format} last where it answers CSV. */
    public static Set<String> declared(Method method) {
        return DECLARED.computeIfAbsent(method, m -> {
            Set<String> names = new LinkedHashSet<>();
            for (Parameter parameter : AnnotatedElementUtils.findMergedRepeatableAnnotations(m, Parameter.class)) {
                if (parameter.in() == ParameterIn.QUERY && !parameter.hidden()) {
                    names.add(parameter.name());
                }
            }
            ReadAnswers answers = AnnotatedElementUtils.findMergedAnnotation(m, ReadAnswers.class);
            if (answers != null && answers.rows().length > 0) {
                names.add(FORMAT);
            }
            return Collections.unmodifiableSet(names);
        });
    }

    public static Set<String> declared(ServerWebExchange exchange) {
        return declared(handler(exchange));
    }

    /** 400 naming each parameter the operation does not declare, and each given more than once. */
    public static void refuseUnknown(ServerWebExchange exchange) {
        List<FieldError> errors = unknown(exchange);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** Each parameter the operation does not declare, and each given more than once. */
    public static List<FieldError> unknown(ServerWebExchange exchange) {
        Set<String> known = declared(exchange);
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        List<FieldError> errors = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!known.contains(name)) {
                errors.add(FieldError.of(name, known.isEmpty() ? "unknown parameter; this resource takes none"
                        : "unknown parameter; known: " + String.join(", ", known)));
            } else if (values.size() > 1) {
                errors.add(FieldError.of(name, "given " + values.size() + " times; give it once"));
            }
        });
        return errors;
    }
}

package io.revchain.system.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;

/**
 * Every refused request answers RFC 9457 {@code application/problem+json} naming the field and the reason. Reasons
 * are written for the client: no Java types, class names or stack traces, whatever the framework's own message says.
 */
@RestControllerAdvice
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), List.of());
        response.getBody().setProperty("rule", e.rule());
        return response;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> conflict(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                       "Another request changed the same object at the same time; nothing of this request was "
                               + "stored. Retry it.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        return internalError(e);
    }

    static ResponseEntity<ProblemDetail> internalError(Throwable e) {
        log.error("Request failed unexpectedly; nothing of it was stored if it was a write. Check the cause below "
                          + "and the health of the event store at /actuator/health", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                       "The request failed unexpectedly; see the service log for the cause.", List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        return fromStatus(e, exchange);
    }

    /** Framework refusals in the client's words; our own ResponseStatusException keeps the reason we wrote. */
    static ResponseEntity<ProblemDetail> fromStatus(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null) {
            status = e.getStatusCode().is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (e instanceof ServerWebInputException input) {
            return unreadable(input);
        }
        if (status.is5xxServerError() && e.getClass() != ResponseStatusException.class) {
            return internalError(e);
        }
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        String detail;
        if (e instanceof MethodNotAllowedException notAllowed) {
            Set<HttpMethod> allowed = notAllowed.getSupportedMethods();
            detail = method + " is not allowed on " + path + "; allowed: "
                    + allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            ResponseEntity<ProblemDetail> response = problem(status, status.getReasonPhrase(), detail, List.of());
            return ResponseEntity.status(status).headers(h -> {
                h.putAll(response.getHeaders());
                h.setAllow(allowed);
            }).body(response.getBody());
        } else if (e instanceof UnsupportedMediaTypeStatusException media) {
            detail = "Content-Type " + (media.getContentType() == null ? "(none)" : "'" + media.getContentType() + "'")
                    + " is not supported here; send " + media.getSupportedMediaTypes().stream()
                    .map(MediaType::toString).distinct().collect(Collectors.joining(" or "));
        } else if (e instanceof NotAcceptableStatusException acceptable) {
            detail = "None of the Accept types can be answered here; this resource answers "
                    + acceptable.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                                .collect(Collectors.joining(", "));
        } else if (e instanceof PayloadTooLargeException) {
            detail = "The request body is too large";
        } else if (status == HttpStatus.NOT_FOUND) {
            detail = "There is no " + method + " " + path + "; the API is described at /v3/api-docs";
        } else if (e.getClass() == ResponseStatusException.class && e.getReason() != null) {
            detail = e.getReason();
        } else {
            detail = status.getReasonPhrase();
        }
        return problem(status, status.getReasonPhrase(), detail, List.of());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> binding(WebExchangeBindException e) {
        List<FieldError> errors = e.getFieldErrors().stream()
                                   .map(f -> FieldError.of(f.getField(), f.getDefaultMessage()))
                                   .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", new InvalidRequestException(errors).getMessage(),
                       errors);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e) {
        return unreadable(e);
    }

    private static ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        FieldError error = inputError(e);
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", new InvalidRequestException(List.of(error))
                .getMessage(), List.of(error));
    }

    private static FieldError inputError(ServerWebInputException e) {
        JacksonException json = cause(e, JacksonException.class);
        if (json != null) {
            return JsonProblems.describe(json);
        }
        String parameter = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
        TypeMismatchException mismatch = cause(e, TypeMismatchException.class);
        if (mismatch != null) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName() : parameter;
            return FieldError.of(name == null ? "path" : name, "must be " + JsonProblems.expected(
                    mismatch.getRequiredType()) + ", was '" + mismatch.getValue() + "'");
        }
        if (cause(e, DecodingException.class) != null) {
            return FieldError.of("body", "could not be read as JSON");
        }
        if (e.getReason() != null && e.getReason().startsWith("No request body")) {
            return FieldError.of("body", "is required: send a JSON document");
        }
        return FieldError.of(parameter == null ? "request" : parameter, "is missing or could not be read");
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("https://revchain.io/problems/" + status.value()));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors.stream().map(ProblemResponses::asMap).toList());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static Map<String, Object> asMap(FieldError error) {
        return error.index() == null
                ? Map.of("field", error.field(), "reason", error.reason())
                : Map.of("index", error.index(), "field", error.field(), "reason", error.reason());
    }
}

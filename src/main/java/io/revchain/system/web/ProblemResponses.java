package io.revchain.system.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Every refused request answers RFC 9457 {@code application/problem+json} naming the field and the reason. */
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
        log.error("Request failed unexpectedly; nothing of it was stored if it was a write. Check the cause below "
                          + "and the health of the event store at /actuator/health", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                       "The request failed unexpectedly; see the service log for the cause.", List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return problem(status, status.getReasonPhrase(), e.getReason() == null ? e.getMessage() : e.getReason(),
                       List.of());
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
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        String field = e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null
                ? e.getMethodParameter().getParameterName() : "body";
        String reason = rootMessage(e);
        if (e.getCause() instanceof DecodingException) {
            field = "body";
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason,
                       List.of(FieldError.of(field, reason)));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? e.getMessage() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
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

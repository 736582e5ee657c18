package io.revchain.system.web;

/** The addressed resource does not exist: HTTP 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

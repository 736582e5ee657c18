package io.revchain.importing;

/** The file cannot be read as the mapping says (bad quoting, not XES, truncated): the import stops here. */
class MalformedFileException extends RuntimeException {

    MalformedFileException(String message) {
        super(message);
    }

    MalformedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

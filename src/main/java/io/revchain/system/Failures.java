package io.revchain.system;

import com.fasterxml.jackson.core.JacksonException;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.axonframework.serialization.SerializationException;

/**
 * Tells an infrastructure failure (the database unreachable, a timeout, the service stopping), which must be retried
 * until it passes and never skip an event, from a failure of the event's own handling, which happens again on every
 * attempt. When in doubt a failure counts as infrastructure: retrying forever is visible in health, skipping is not.
 */
public final class Failures {

    /**
     * Server error codes that are about the document written, not about the server: BadValue, TypeMismatch,
     * FailedToParse, InvalidBSON, DollarPrefixedFieldName, InvalidIdField, DocumentValidationFailure,
     * BSONObjectTooLarge and its legacy codes.
     */
    private static final Set<Integer> DOCUMENT_ERRORS = Set.of(2, 9, 14, 22, 52, 53, 121, 10334, 17419, 17420);

    private Failures() {
    }

    public static boolean isInfrastructure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException || t instanceof SerializationException) {
                // A payload that cannot be read (Jackson's errors are IOExceptions): it fails every time.
                return false;
            }
            if (t instanceof InterruptedException || t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof TimeoutException || t instanceof RejectedExecutionException) {
                return true;
            }
            if (t instanceof MongoException mongo) {
                return !aboutTheDocument(mongo);
            }
        }
        return false;
    }

    private static boolean aboutTheDocument(MongoException error) {
        if (error instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteConcernError() == null && !bulk.getWriteErrors().isEmpty()
                    && bulk.getWriteErrors().stream().map(BulkWriteError::getCode).allMatch(DOCUMENT_ERRORS::contains);
        }
        if (error instanceof MongoWriteException write) {
            return DOCUMENT_ERRORS.contains(write.getError().getCode());
        }
        return error instanceof MongoServerException && DOCUMENT_ERRORS.contains(error.getCode());
    }
}

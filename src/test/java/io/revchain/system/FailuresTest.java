package io.revchain.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import java.io.IOException;
import org.axonframework.serialization.SerializationException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void theDatabaseUnreachableOrSlow_isInfrastructure_evenWrapped() {
        assertThat(Failures.isInfrastructure(new MongoTimeoutException("no server"))).isTrue();
        assertThat(Failures.isInfrastructure(new IllegalStateException("batch failed",
                new MongoSocketReadException("reset", new ServerAddress())))).isTrue();
        assertThat(Failures.isInfrastructure(new IOException("disk"))).isTrue();
        assertThat(Failures.isInfrastructure(new InterruptedException())).isTrue();
        // An unknown server error counts as infrastructure: retrying forever shows in health, skipping would not.
        assertThat(Failures.isInfrastructure(write(11600))).isTrue();
    }

    @Test
    void aFailureOfTheEventItself_isNot() {
        assertThat(Failures.isInfrastructure(new ArithmeticException("long overflow"))).isFalse();
        assertThat(Failures.isInfrastructure(new NullPointerException("occurredAt"))).isFalse();
        assertThat(Failures.isInfrastructure(new SerializationException("cannot read payload",
                new JsonMappingException(null, "no stages")))).isFalse();
        assertThat(Failures.isInfrastructure(write(52))).as("a field name the server refuses").isFalse();
        assertThat(Failures.isInfrastructure(write(10334))).as("a document too large").isFalse();
    }

    private static MongoWriteException write(int code) {
        return new MongoWriteException(new WriteError(code, "refused", new BsonDocument()), new ServerAddress());
    }
}

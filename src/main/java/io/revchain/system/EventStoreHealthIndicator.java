package io.revchain.system;

import com.mongodb.client.MongoDatabase;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the event store and of every projection: the store answers, and each streaming processor runs without
 * error. {@code lag} is how many sequence numbers a processor's slowest segment is behind the head.
 */
@Component("eventStore")
class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;
    private final MongoEventStorageEngine storageEngine;
    private final EventProcessingConfiguration processing;

    EventStoreHealthIndicator(MongoDatabase database, MongoEventStorageEngine storageEngine,
                              EventProcessingConfiguration processing) {
        super("Event store check failed");
        this.database = database;
        this.storageEngine = storageEngine;
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        long head = storageEngine.headSequence();
        builder.up().withDetail("headSequence", head);
        Map<String, Object> processors = new LinkedHashMap<>();
        boolean failing = false;
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                                                           .filter(StreamingEventProcessor.class::isInstance)
                                                           .map(StreamingEventProcessor.class::cast).toList()) {
            long lag = 0;
            boolean error = processor.isError();
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                error |= status.isErrorState();
                long position = status.getCurrentPosition().orElse(0L);
                lag = Math.max(lag, head - position);
            }
            failing |= error || !processor.isRunning();
            processors.put(processor.getName(), Map.of("running", processor.isRunning(), "error", error,
                                                       "lag", lag));
        }
        builder.withDetail("processors", processors);
        if (failing) {
            builder.down().withDetail("hint", "A projection stopped or failed: see the log for its exception, fix "
                    + "the cause and restart; it resumes from its last token.");
        }
    }
}

package io.revchain.analytics.flow;

import io.revchain.system.eventstore.MongoEventStorageEngine;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Whether this node's journey facts are loaded, and how many events they trail the store by. */
@Component("journeyFacts")
class JourneyFactsHealthIndicator extends AbstractHealthIndicator {

    private final JourneyFactIndex index;
    private final MongoEventStorageEngine storageEngine;

    JourneyFactsHealthIndicator(JourneyFactIndex index, MongoEventStorageEngine storageEngine) {
        this.index = index;
        this.storageEngine = storageEngine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = storageEngine.headSequence();
        builder.withDetail("loaded", index.isLoaded())
               .withDetail("journeys", index.journeyCount())
               .withDetail("position", index.position())
               .withDetail("lag", Math.max(0, head - index.position()));
        if (index.isLoaded()) {
            builder.up();
        } else {
            builder.outOfService().withDetail("hint", "Still reading the event stream after a start; map reads "
                    + "answer 503 until it is done. Progress is in the log.");
        }
    }
}

package io.revchain.map;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The map index is kept by two processors. The subscribing one updates it inside the command's unit of work, so a
 * step type is declared as soon as the PUT returns. The tracking one replays from the event store and repairs what a
 * crash between storing the event and updating the index left out (and builds the index for an existing store).
 */
@Configuration(proxyBeanMethods = false)
class MapIndexProcessors {

    static final String IMMEDIATE = "map-index";
    static final String CATCH_UP = "map-index-catch-up";

    // Failures are handled as for every streaming processor (system.ProcessorGuards): infrastructure failures are
    // retried until they pass; an event that keeps failing is parked and reported, and the index goes on.
    @Bean
    ConfigurerModule mapIndexProcessing() {
        // The catch-up processor has the default segments (system.AxonConfiguration): updates are per map and
        // idempotent, so nodes can share it.
        return configurer -> configurer.eventProcessing()
                                       .registerSubscribingEventProcessor(IMMEDIATE);
    }

    @Component
    @ProcessingGroup(IMMEDIATE)
    static class Immediate extends MapIndexUpdates {
        Immediate(MapIndex index) {
            super(index);
        }
    }

    @Component
    @ProcessingGroup(CATCH_UP)
    static class CatchUp extends MapIndexUpdates {
        CatchUp(MapIndex index) {
            super(index);
        }
    }
}

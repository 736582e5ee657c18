package io.revchain.map;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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

    @Bean
    ConfigurerModule mapIndexProcessing() {
        return configurer -> configurer.eventProcessing()
                                       .registerSubscribingEventProcessor(IMMEDIATE)
                                       // Map events are rare and updates are idempotent: one segment is plenty.
                                       .registerPooledStreamingEventProcessorConfiguration(
                                               CATCH_UP, (c, builder) -> builder.initialSegmentCount(1))
                                       // Retry rather than skip: a skipped event would leave the index wrong.
                                       .registerListenerInvocationErrorHandler(
                                               CATCH_UP, c -> PropagatingErrorHandler.instance());
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

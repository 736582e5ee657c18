package io.revchain.session;

import java.time.Instant;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The session index is kept by two processors, as the map index is. The subscribing one updates it inside the
 * command's unit of work, so a session is listed as soon as its POST returns. The tracking one follows the event
 * store from its own token, surviving restarts: it repairs what a crash between storing an event and indexing it
 * left out, and builds the index for a store that had sessions before the index existed.
 */
@Configuration(proxyBeanMethods = false)
class SessionIndexProcessors {

    static final String IMMEDIATE = "session-index";
    static final String CATCH_UP = "session-index-catch-up";

    // Failures are handled as for every streaming processor (system.ProcessorGuards): infrastructure failures are
    // retried until they pass; an event that keeps failing is parked and reported, and the index goes on.
    @Bean
    ConfigurerModule sessionIndexProcessing() {
        return configurer -> configurer.eventProcessing()
                                       .registerSubscribingEventProcessor(IMMEDIATE);
    }

    /** Applies session events to the index; the event's record time is when the session opened or closed. */
    abstract static class Updates {

        private final SessionIndex index;

        Updates(SessionIndex index) {
            this.index = index;
        }

        @EventHandler
        void on(MappingSessionOpened event, @Timestamp Instant at) {
            index.opened(event, at);
        }

        @EventHandler
        void on(DecisionRecorded event) {
            index.decided(event);
        }

        @EventHandler
        void on(ActionItemAssigned event) {
            index.assigned(event);
        }

        @EventHandler
        void on(ActionItemCompleted event) {
            index.completed(event);
        }

        @EventHandler
        void on(MappingSessionClosed event, @Timestamp Instant at) {
            index.closed(event, at);
        }
    }

    @Component
    @ProcessingGroup(IMMEDIATE)
    static class Immediate extends Updates {
        Immediate(SessionIndex index) {
            super(index);
        }
    }

    @Component
    @ProcessingGroup(CATCH_UP)
    static class CatchUp extends Updates {
        CatchUp(SessionIndex index) {
            super(index);
        }
    }
}

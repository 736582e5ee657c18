package io.revchain.identity;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link Directory} with two processors, like the map index: the subscribing one inside the command's
 * unit of work, so a key issued or revoked counts on every node as soon as the request returns; the tracking one
 * repairs what a crash between storing an event and updating the directory left out, and builds it for an
 * existing store.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryUpdates {

    static final String IMMEDIATE = "identity-directory";
    static final String CATCH_UP = "identity-directory-catch-up";

    // Failures are handled as for every streaming processor (system.ProcessorGuards): infrastructure failures are
    // retried until they pass; an event that keeps failing is parked and reported, and the index goes on.
    @Bean
    ConfigurerModule identityDirectoryProcessing() {
        return configurer -> configurer.eventProcessing()
                                       .registerSubscribingEventProcessor(IMMEDIATE);
    }

    abstract static class Updates {

        private final Directory directory;

        Updates(Directory directory) {
            this.directory = directory;
        }

        @EventHandler
        void on(UserRegistered event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
            directory.registered(Commands.userId(event.username()), Caller.Kind.USER, event.username(),
                                 event.displayName(), event.function(), roles(event.roles()), null, at,
                                 Actor.from(metaData).orElse(null), sequence);
        }

        @EventHandler
        void on(UserRolesChanged event, @SequenceNumber long sequence) {
            directory.rolesChanged(Commands.userId(event.username()), roles(event.roles()), sequence);
        }

        @EventHandler
        void on(UserDisabled event, @Timestamp Instant at, MetaData metaData) {
            directory.revoked(Commands.userId(event.username()), at, Actor.from(metaData).orElse(null));
        }

        @EventHandler
        void on(ApiKeyIssued event, @SequenceNumber long sequence, @Timestamp Instant at, MetaData metaData) {
            directory.registered(ApiKeys.principalId(event.keyId()), Caller.Kind.KEY, event.name(), event.name(),
                                 event.function(), roles(event.roles()), event.expiresAt(), at,
                                 Actor.from(metaData).orElse(null), sequence);
        }

        @EventHandler
        void on(ApiKeyRevoked event, @Timestamp Instant at, MetaData metaData) {
            directory.revoked(ApiKeys.principalId(event.keyId()), at, Actor.from(metaData).orElse(null));
        }

        private static Set<Role> roles(List<Role> roles) {
            return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        }
    }

    @Component
    @ProcessingGroup(IMMEDIATE)
    static class Immediate extends Updates {
        Immediate(Directory directory) {
            super(directory);
        }
    }

    @Component
    @ProcessingGroup(CATCH_UP)
    static class CatchUp extends Updates {
        CatchUp(Directory directory) {
            super(directory);
        }
    }
}

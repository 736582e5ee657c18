package io.revchain.system;

import com.mongodb.client.MongoClient;
import io.revchain.chain.Actor;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.time.Duration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import com.mongodb.client.MongoDatabase;

/** Axon on MongoDB: Jackson everywhere (never XStream), our event storage engine, pooled streaming processors. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(AxonJson.objectMapper()).defaultTyping().build();
    }

    /** Axon's default, kept: declaring any provider replaces it. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Every event caused by a command carries the command's principal: each change says who made it. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.ID, Actor.NAME, Actor.FUNCTION);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(AxonJson.objectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(AxonJson.objectMapper()).build();
    }

    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoDatabase database,
                                          StoreDurability durability,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          ObjectProvider<EventUpcaster> upcasters,
                                          @Value("${revchain.event-store.gap-timeout:60s}") Duration gapTimeout,
                                          @Value("${revchain.event-store.batch-size:1000}") int batchSize,
                                          @Value("${revchain.event-store.recent-events:20000}") int recentEvents) {
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .durability(durability)
                                      .eventSerializer(eventSerializer)
                                      .snapshotSerializer(snapshotSerializer)
                                      .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                                      .gapTimeout(gapTimeout)
                                      .batchSize(batchSize)
                                      .recentEvents(recentEvents)
                                      .build();
    }

    @Bean
    TokenStore tokenStore(MongoClient client, MongoProperties properties, Serializer serializer,
                          TransactionManager transactionManager) {
        return MongoTokenStore.builder()
                              .mongoTemplate(DefaultMongoTemplate.builder()
                                                                 .mongoDatabase(client, properties.database())
                                                                 .build())
                              .serializer(serializer)
                              .transactionManager(transactionManager)
                              .build();
    }

    @Bean
    ConfigurerModule pooledStreamingProcessors(ProcessorGuards guards, ProjectionSegments segments) {
        // An infrastructure failure stops the segment and retries with back-off, never skipping an event; an event
        // whose handling keeps failing is parked and the projection goes on (ProcessorGuards, ParkedEvents).
        // Events are handled in batches of 100 per transaction: one token write per batch, not per event.
        // Every processor is split into segments that the nodes on one store share (ProjectionSegments).
        return configurer -> configurer.eventProcessing()
                                       .usingPooledStreamingEventProcessors()
                                       .registerPooledStreamingEventProcessorConfiguration(
                                               (config, builder) -> builder.batchSize(100)
                                                       .initialSegmentCount(segments.segments())
                                                       .maxClaimedSegments(segments.maxPerNode()))
                                       .registerDefaultListenerInvocationErrorHandler(c -> guards)
                                       .registerDefaultErrorHandler(c -> guards)
                                       .registerDefaultHandlerInterceptor((c, name) -> guards.batchLock(name));
    }
}

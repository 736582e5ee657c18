package io.revchain.analytics.visits;

import io.revchain.analytics.visits.ReadModelWriter.Recorded;
import io.revchain.journey.JourneyEvent;
import io.revchain.map.MapEvent;
import io.revchain.system.ParkedEvents.EventRef;
import io.revchain.system.ProjectionSegments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps the active generation of the read models up to date: a pooled streaming processor collects each batch of
 * journey and map events and writes it in one go, at the end of the batch, to the generation active then. An event
 * whose writing keeps failing is parked and the rest of the batch is written ({@link ReadModelWriter#applyOrPark});
 * an infrastructure failure fails the batch, which the processor retries with back-off.
 * <p>
 * The processor has {@code revchain.projections.segments} segments (4), which the nodes sharing a store claim
 * between them. A journey's events reach the segment that owns the journey; map events reach every segment
 * ({@link SegmentAwareInvoker}), and each recomputes only its own journeys, so no two segments write one journey.
 */
@Component
@ProcessingGroup(FlowReadModelProjection.GROUP)
class FlowReadModelProjection {

    static final String GROUP = ReadModelWriter.PROCESSOR;
    /** Each batch ends with a commit of the embedded store; large batches keep the read models close behind imports. */
    static final int BATCH_SIZE = 1000;
    private static final String PENDING = FlowReadModelProjection.class.getName() + ".pending";
    static final String SEGMENT = FlowReadModelProjection.class.getName() + ".segment";

    private final Generations generations;
    private final ReadModelWriter writer;

    FlowReadModelProjection(Generations generations, ReadModelWriter writer) {
        this.generations = generations;
        this.writer = writer;
    }

    @EventHandler
    void on(JourneyEvent event, @Timestamp Instant recordedAt, TrackingToken token, UnitOfWork<?> unitOfWork)
            throws Exception {
        collect(recorded(token, recordedAt, event, unitOfWork), unitOfWork);
    }

    @EventHandler
    void on(MapEvent event, @Timestamp Instant recordedAt, TrackingToken token, UnitOfWork<?> unitOfWork)
            throws Exception {
        collect(recorded(token, recordedAt, event, unitOfWork), unitOfWork);
    }

    private static Recorded recorded(TrackingToken token, Instant recordedAt, Object event, UnitOfWork<?> unitOfWork) {
        return new Recorded(position(token), recordedAt, event, EventRef.of((EventMessage<?>) unitOfWork.getMessage()));
    }

    private void collect(Recorded event, UnitOfWork<?> unitOfWork) throws Exception {
        if (!(unitOfWork.root() instanceof BatchingUnitOfWork<?>)) {
            // One event outside a batch: an operator's retry of a parked event, in a segment this node holds.
            writer.applyOrPark(generations.forWriting(), List.of(event), segment(unitOfWork), written -> { });
            return;
        }
        pending(unitOfWork).add(event);
    }

    private static List<Recorded> pending(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(PENDING, key -> new ArrayList<>());
    }

    /**
     * Writes what the batch collected after its last event was handled, whatever happened to that event (a handler
     * that could not even read its payload is parked by the processor's error handler and never runs).
     */
    private MessageHandlerInterceptor<EventMessage<?>> writeAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage(unitOfWork.getMessage())) {
                List<Recorded> pending = pending(unitOfWork);
                if (!pending.isEmpty()) {
                    // Looked up per batch, after the batch was read: see Generations for why that is safe during a
                    // switch.
                    writer.applyOrPark(generations.forWriting(), List.copyOf(pending), segment(unitOfWork),
                                       written -> { });
                    pending.clear();
                }
            }
            return result;
        };
    }

    private static Segment segment(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(SEGMENT) instanceof Segment segment ? segment : Segment.ROOT_SEGMENT;
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("No position in token " + token));
    }

    @Configuration(proxyBeanMethods = false)
    static class Processing {

        @Bean
        ConfigurerModule flowReadModelProcessor(ObjectProvider<FlowReadModelProjection> projection,
                                                ProjectionSegments segments) {
            return configurer -> configurer.eventProcessing()
                    .registerEventProcessor(GROUP, (name, config, invoker) -> processor(name, config, invoker,
                                                                                        segments))
                    // Looked up when the processor is built: the projection needs the catalog, which needs Axon.
                    .registerHandlerInterceptor(GROUP, c -> projection.getObject().writeAtEndOfBatch());
        }

        /**
         * Axon's pooled streaming processor as its configuration module builds one, with the handlers behind
         * {@link SegmentAwareInvoker}. The coordinator extends the claim while a batch waits for a generation switch.
         */
        private static EventProcessor processor(String name, org.axonframework.config.Configuration config,
                                                EventHandlerInvoker invoker, ProjectionSegments segments) {
            EventProcessingConfiguration processing = config.eventProcessingConfiguration();
            ScheduledExecutorService coordinator = Executors.newScheduledThreadPool(
                    1, new AxonThreadFactory("Coordinator[" + name + "]"));
            ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                    4, new AxonThreadFactory("WorkPackage[" + name + "]"));
            config.onShutdown(coordinator::shutdown);
            config.onShutdown(workers::shutdown);
            return PooledStreamingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(new SegmentAwareInvoker(invoker))
                    .rollbackConfiguration(processing.rollbackConfiguration(name))
                    .errorHandler(processing.errorHandler(name))
                    .messageMonitor(processing.messageMonitor(PooledStreamingEventProcessor.class, name))
                    .messageSource(config.eventStore())
                    .tokenStore(processing.tokenStore(name))
                    .transactionManager(processing.transactionManager(name))
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .spanFactory(config.getComponent(EventProcessorSpanFactory.class))
                    .initialSegmentCount(segments.segments())
                    .maxClaimedSegments(segments.maxPerNode())
                    .batchSize(BATCH_SIZE)
                    .enableCoordinatorClaimExtension()
                    .build();
        }
    }
}

package io.revchain.analytics.visits;

import io.revchain.analytics.visits.ReadModelWriter.Recorded;
import io.revchain.journey.JourneyEvent;
import io.revchain.map.MapEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ConcludesBatch;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Keeps the active generation of the read models up to date: a pooled streaming processor collects each batch of
 * journey and map events and writes it in one go to the generation active when the batch is written.
 */
@Component
@ProcessingGroup(FlowReadModelProjection.GROUP)
class FlowReadModelProjection {

    static final String GROUP = "flow-read-model";
    /** Each batch ends with a commit of the embedded store; large batches keep the read models close behind imports. */
    static final int BATCH_SIZE = 1000;
    private static final String PENDING = FlowReadModelProjection.class.getName() + ".pending";

    private final Generations generations;
    private final ReadModelWriter writer;

    FlowReadModelProjection(Generations generations, ReadModelWriter writer) {
        this.generations = generations;
        this.writer = writer;
    }

    @EventHandler
    void on(JourneyEvent event, @Timestamp Instant recordedAt, TrackingToken token, UnitOfWork<?> unitOfWork,
            @ConcludesBatch boolean last) throws InterruptedException {
        collect(new Recorded(position(token), recordedAt, event), unitOfWork, last);
    }

    @EventHandler
    void on(MapEvent event, @Timestamp Instant recordedAt, TrackingToken token, UnitOfWork<?> unitOfWork,
            @ConcludesBatch boolean last) throws InterruptedException {
        collect(new Recorded(position(token), recordedAt, event), unitOfWork, last);
    }

    private void collect(Recorded event, UnitOfWork<?> unitOfWork, boolean last) throws InterruptedException {
        List<Recorded> pending = unitOfWork.root().getOrComputeResource(PENDING, key -> new ArrayList<>());
        pending.add(event);
        if (last) {
            // Looked up per batch, after the batch was read: see Generations for why that is safe during a switch.
            writer.apply(generations.forWriting(), List.copyOf(pending));
            pending.clear();
        }
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("No position in token " + token));
    }

    @Configuration(proxyBeanMethods = false)
    static class Processing {

        @Bean
        ConfigurerModule flowReadModelProcessor() {
            return configurer -> configurer.eventProcessing()
                    // One segment: a map change recomputes the visits of every journey. Another segment writing
                    // some of those journeys at the same time could leave visits computed from stale steps.
                    // The coordinator extends the claim while a batch waits for a generation switch.
                    .registerPooledStreamingEventProcessorConfiguration(
                            GROUP, (c, builder) -> builder.initialSegmentCount(1)
                                                          .batchSize(BATCH_SIZE)
                                                          .enableCoordinatorClaimExtension())
                    // Retry rather than skip: a skipped event would be missing from the read models for good.
                    .registerListenerInvocationErrorHandler(GROUP, c -> PropagatingErrorHandler.instance());
        }
    }
}

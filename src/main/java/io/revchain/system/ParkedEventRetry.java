package io.revchain.system;

import io.revchain.system.eventstore.MongoEventStorageEngine;
import io.revchain.system.web.NotFoundException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * An operator's retry of one parked event, after a fix: the event is read from the store and handled again by its
 * processor's handlers on this node, while holding the lock the processor holds for its own batches, and only when
 * this node holds the segment the event belongs to, so the retry never writes beside the processor itself.
 * Handling is idempotent, like every redelivery. A failure is reported to the operator and the event stays parked.
 */
@Component
class ParkedEventRetry {

    private final ParkedEvents parked;
    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine engine;
    private final ProcessorGuards guards;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    ParkedEventRetry(ParkedEvents parked, EventProcessingConfiguration processing, MongoEventStorageEngine engine,
                     ProcessorGuards guards) {
        this.parked = parked;
        this.processing = processing;
        this.engine = engine;
        this.guards = guards;
    }

    ParkedEventView retry(String id) throws InterruptedException {
        ParkedEventView entry = parked.find(id).orElseThrow(() -> new NotFoundException("No parked event " + id));
        if (!ParkedEvents.State.PARKED.name().equals(entry.state())) {
            throw conflict("Parked event " + id + " is " + entry.state() + " already (" + entry.resolution() + ")");
        }
        Optional<StreamingEventProcessor> found = processing.eventProcessor(entry.processor(),
                                                                            StreamingEventProcessor.class);
        if (found.isEmpty() || !(found.get() instanceof AbstractEventProcessor axon)) {
            throw conflict(entry.processor() + " is not a projection this endpoint can retry for. Followers that "
                    + "read the whole event stream at every start (journey-facts) handle the event again at the next "
                    + "start after the fix, and then mark it RESOLVED.");
        }
        StreamingEventProcessor processor = found.get();
        TrackedEventMessage<?> event = read(entry.sequence())
                .orElseThrow(() -> conflict("Event " + entry.sequence() + " is not in the event store"));
        EventHandlerInvoker invoker = axon.eventHandlerInvoker();
        if (!invoker.canHandleType(event.getPayloadType())) {
            parked.resolve(entry.processor(), entry.sequence(), "no handler of " + entry.processor() + " handles "
                    + event.getPayloadType().getName() + " any more (checked by a retry on " + node + ")");
            return parked.find(id).orElseThrow();
        }
        Segment segment = processor.processingStatus().values().stream().map(EventTrackerStatus::getSegment)
                                   .filter(s -> invoker.canHandle(event, s)).findFirst()
                                   .orElseThrow(() -> conflict("This node (" + node + ") does not hold the segment of "
                                           + entry.processor() + " that handles event " + entry.sequence()
                                           + "; health (/actuator/health, eventStore) shows which node does. Send the "
                                           + "retry to that node."));
        ReentrantLock lock = guards.lock(entry.processor());
        if (!lock.tryLock(30, TimeUnit.SECONDS)) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, entry.processor() + " is busy with "
                    + "a batch for more than 30 s; retry later.");
        }
        try {
            ParkedEvents.retrying(() -> {
                ResultMessage<?> result = DefaultUnitOfWork.startAndGet(event)
                                                           .executeWithResult(() -> {
                                                               invoker.handle(event, segment);
                                                               return null;
                                                           });
                if (result.isExceptional()) {
                    Throwable failure = result.exceptionResult();
                    throw failure instanceof Exception e ? e : new IllegalStateException(failure);
                }
                return null;
            });
        } catch (Exception e) {
            parked.failedAgain(id, e);
            throw conflict("Retrying event " + entry.sequence() + " for " + entry.processor() + " failed again: "
                    + ProcessorGuards.describe(e) + ". It stays parked; see the service log.");
        } finally {
            lock.unlock();
        }
        parked.resolve(entry.processor(), entry.sequence(), "retried by an operator on " + node);
        return parked.find(id).orElseThrow();
    }

    private Optional<TrackedEventMessage<?>> read(long sequence) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(
                GapAwareTrackingToken.newInstance(sequence - 1, List.of()), false)) {
            return events.findFirst()
                         .filter(e -> e.trackingToken().position().orElse(-1) == sequence)
                         .map(e -> (TrackedEventMessage<?>) e);
        }
    }

    private static ResponseStatusException conflict(String reason) {
        return new ResponseStatusException(HttpStatus.CONFLICT, reason);
    }
}

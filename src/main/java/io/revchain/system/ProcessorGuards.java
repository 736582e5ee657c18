package io.revchain.system;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * What every streaming processor (projection) is wrapped in:
 * <ul>
 *   <li>as its listener error handler, {@link ParkedEvents}: a handler that keeps failing on one event parks it and
 *   the projection goes on; an infrastructure failure propagates, so the processor releases its segment and retries
 *   with back-off (1 s doubling to 60 s) without skipping anything;</li>
 *   <li>as its processor error handler, a record of the last failure, which health shows (Axon drops a failed
 *   segment's status while it waits to retry);</li>
 *   <li>a lock held while it handles a batch, so that an operator's retry of a parked event never runs beside the
 *   processor's own writes on this node.</li>
 * </ul>
 * Subscribing processors run inside the command that published the event: there a failure propagates and fails
 * the command, as before.
 */
@Component
public class ProcessorGuards implements ListenerInvocationErrorHandler, ErrorHandler {

    private static final String LOCKED = ProcessorGuards.class.getName() + ".locked";

    /** The last failure of a processor's batch on this node. */
    public record LastFailure(Instant at, String error) {
    }

    private final ParkedEvents parked;
    private static final int ANY_SEGMENT = -1;

    private final Map<String, LastFailure> failures = new ConcurrentHashMap<>();
    /** Per processor and segment: when it last failed and when it last committed a batch, on this node. */
    private final Map<String, Map<Integer, Instant>> segmentFailures = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Instant>> segmentSuccesses = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public ProcessorGuards(ParkedEvents parked) {
        this.parked = parked;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event,
                        EventMessageHandler handler) throws Exception {
        if (!(event instanceof TrackedEventMessage<?>)) {
            throw exception;
        }
        parked.handleOrPark(processorOf(handler), ParkedEvents.EventRef.of(event), exception,
                            () -> handler.handle(event));
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        LastFailure last = failures.get(context.eventProcessor());
        if (last == null || !last.error().equals(describe(error))) {
            // Not seen by the batch interceptor (a failure while committing): it belongs to no known segment.
            failed(context.eventProcessor(), ANY_SEGMENT, error);
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** Records a failure seen outside Axon's error handling, for example by a follower of the event stream. */
    public void failed(String processor, Throwable error) {
        failed(processor, ANY_SEGMENT, error);
    }

    private void failed(String processor, int segment, Throwable error) {
        Instant now = clock.instant();
        failures.put(processor, new LastFailure(now, describe(error)));
        segmentFailures.computeIfAbsent(processor, p -> new ConcurrentHashMap<>()).put(segment, now);
    }

    /** Records that a follower handled events, which ends what {@link #failing} reports. */
    public void succeeded(String processor) {
        succeeded(processor, ANY_SEGMENT);
    }

    private void succeeded(String processor, int segment) {
        Instant now = clock.instant();
        Map<Integer, Instant> successes = segmentSuccesses.computeIfAbsent(processor, p -> new ConcurrentHashMap<>());
        successes.put(segment, now);
        successes.put(ANY_SEGMENT, now);
    }

    public Optional<LastFailure> lastFailure(String processor) {
        return Optional.ofNullable(failures.get(processor));
    }

    /** True when a segment of the processor failed on this node and has not handled a batch since. */
    public boolean failing(String processor) {
        Map<Integer, Instant> failed = segmentFailures.getOrDefault(processor, Map.of());
        Map<Integer, Instant> succeeded = segmentSuccesses.getOrDefault(processor, Map.of());
        return failed.entrySet().stream().anyMatch(f -> {
            Instant success = succeeded.get(f.getKey());
            return success == null || success.isBefore(f.getValue());
        });
    }

    /** Held by a processor for the whole unit of work of a batch it handles on this node. */
    ReentrantLock lock(String processor) {
        return locks.computeIfAbsent(processor, name -> new ReentrantLock());
    }

    /**
     * Holds the processor's lock for the batch's unit of work, and notes per segment whether the batch failed or
     * committed (Axon forgets a failed segment's status while it waits to retry it).
     */
    MessageHandlerInterceptor<EventMessage<?>> batchLock(String processor) {
        ReentrantLock lock = lock(processor);
        // The key under which Axon's pooled work package keeps the batch's segment in the unit of work.
        String segmentKey = "Processor[" + processor + "]/SegmentId";
        return (unitOfWork, chain) -> {
            if (!(unitOfWork.getMessage() instanceof TrackedEventMessage<?>)) {
                return chain.proceed();
            }
            var root = unitOfWork.root();
            int segment = root.getResource(segmentKey) instanceof Integer id ? id : ANY_SEGMENT;
            if (!root.resources().containsKey(LOCKED)) {
                lock.lock();
                root.resources().put(LOCKED, Boolean.TRUE);
                root.afterCommit(done -> succeeded(processor, segment));
                root.onCleanup(done -> lock.unlock());
            }
            try {
                return chain.proceed();
            } catch (Exception e) {
                failed(processor, segment, e);
                throw e;
            }
        };
    }

    /** A handler's processing group: its {@link ProcessingGroup}, else its package, as Axon assigns them. */
    static String processorOf(EventMessageHandler handler) {
        Class<?> type = ClassUtils.getUserClass(handler.getTargetType());
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        return group != null ? group.value() : type.getPackageName();
    }

    static String describe(Throwable error) {
        String text = error.toString();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? text : text + " (cause: " + root + ")";
    }
}

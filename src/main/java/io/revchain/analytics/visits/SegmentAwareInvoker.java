package io.revchain.analytics.visits;

import io.revchain.map.MapEvent;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The read-model projection's handlers as its processor sees them: map events are handled in every segment (a map
 * change recomputes the journeys of each segment, and only their owner may write them), journey events in the
 * segment of their journey as usual; and the segment handling a message is left in the unit of work for the
 * projection, which writes only its own journeys.
 */
final class SegmentAwareInvoker implements EventHandlerInvoker {

    private final EventHandlerInvoker handlers;

    SegmentAwareInvoker(EventHandlerInvoker handlers) {
        this.handlers = handlers;
    }

    private static boolean everySegment(EventMessage<?> message) {
        return MapEvent.class.isAssignableFrom(message.getPayloadType());
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        return handlers.canHandle(eventMessage, everySegment(eventMessage) ? Segment.ROOT_SEGMENT : segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return handlers.canHandleType(payloadType);
    }

    @Override
    public void handle(EventMessage<?> message, Segment segment) throws Exception {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(FlowReadModelProjection.SEGMENT, segment);
        }
        handlers.handle(message, everySegment(message) ? Segment.ROOT_SEGMENT : segment);
    }

    @Override
    public boolean supportsReset() {
        return handlers.supportsReset();
    }

    @Override
    public void performReset() {
        handlers.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        handlers.performReset(resetContext);
    }
}

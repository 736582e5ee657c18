package io.revchain.segment;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A segment exists once its stream has an event, and a segment is only ever created by {@link SegmentProfiled}. The
 * event store also counts events staged in the current unit of work, so a segment profiled earlier in the same batch
 * is found. One point lookup per question.
 */
@Component
class EventStoreSegmentDirectory implements SegmentDirectory {

    private final EventStore eventStore;

    EventStoreSegmentDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isProfiled(String segmentId) {
        return eventStore.lastSequenceNumberFor(Segment.aggregateId(segmentId)).isPresent();
    }
}

package io.revchain.map;

import io.revchain.chain.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads maps by folding their events from the event store: every version stays readable. */
@Component
class EventSourcedMapCatalog implements MapCatalog {

    private final EventStore eventStore;
    private final MapIndex index;

    EventSourcedMapCatalog(EventStore eventStore, MapIndex index) {
        this.eventStore = eventStore;
        this.index = index;
    }

    @Override
    public Optional<MapView> current(String mapId) {
        List<MapVersion> versions = fold(mapId, null);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).view());
    }

    @Override
    public Optional<MapView> version(String mapId, long version) {
        if (version < 1) {
            return Optional.empty();
        }
        List<MapVersion> versions = fold(mapId, null);
        return version > versions.size() ? Optional.empty() : Optional.of(versions.get((int) version - 1).view());
    }

    @Override
    public Optional<MapView> inForceAt(String mapId, Instant at) {
        MapView inForce = null;
        for (MapVersion version : fold(mapId, null)) {
            if (version.recordedAt().isAfter(at)) {
                break;
            }
            inForce = version.view();
        }
        return Optional.ofNullable(inForce);
    }

    @Override
    public List<MapView> versions(String mapId) {
        return fold(mapId, null).stream().map(MapVersion::view).toList();
    }

    @Override
    public List<MapVersionView> history(String mapId) {
        List<MapVersionView> history = new ArrayList<>();
        fold(mapId, history);
        return history;
    }

    @Override
    public OptionalLong latestVersion(String mapId) {
        if (!MapIds.valid(mapId)) {
            return OptionalLong.empty();
        }
        Optional<Long> last = eventStore.lastSequenceNumberFor(MapIds.aggregateId(mapId));
        return last.map(sequence -> OptionalLong.of(sequence + 1)).orElse(OptionalLong.empty());
    }

    @Override
    public List<MapSummaryView> maps() {
        return index.maps();
    }

    /** All versions of a map; also describes each one into {@code history} when given. */
    private List<MapVersion> fold(String mapId, List<MapVersionView> history) {
        if (!MapIds.valid(mapId)) {
            return List.of();
        }
        List<MapVersion> versions = new ArrayList<>();
        MapVersion state = MapVersion.initial(mapId);
        // From sequence 0 rather than readEvents(id): a snapshot would hide the versions before it.
        DomainEventStream events = eventStore.readEvents(MapIds.aggregateId(mapId), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (message.getPayload() instanceof MapEvent event) {
                Actor by = Actor.from(message.getMetaData()).orElse(null);
                MapVersion next = state.apply(event, message.getTimestamp(), by);
                if (history != null) {
                    history.add(MapHistory.entry(state, event, next.version(), next.recordedAt(), by));
                }
                versions.add(next);
                state = next;
            }
        }
        return versions;
    }
}

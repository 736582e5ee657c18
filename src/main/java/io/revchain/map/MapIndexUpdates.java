package io.revchain.map;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** Applies map events to the {@link MapIndex}; the version of a map event is its sequence number + 1. */
abstract class MapIndexUpdates {

    private final MapIndex index;

    MapIndexUpdates(MapIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(MapDefined event, @SequenceNumber long sequence) {
        index.defined(event.mapId(), sequence + 1, event.definition());
    }

    @EventHandler
    void on(MapRevised event, @SequenceNumber long sequence) {
        index.defined(event.mapId(), sequence + 1, event.definition());
    }

    @EventHandler
    void on(DefinitionProposed event, @SequenceNumber long sequence) {
        index.versioned(event.mapId(), sequence + 1);
    }

    @EventHandler
    void on(DefinitionAgreed event, @SequenceNumber long sequence) {
        index.versioned(event.mapId(), sequence + 1);
    }
}

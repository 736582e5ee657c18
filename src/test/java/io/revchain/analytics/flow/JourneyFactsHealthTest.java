package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import io.revchain.system.ParkedEvents;
import io.revchain.system.ProcessorGuards;
import io.revchain.system.ProgressWatch;
import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The journey facts' health when the follower really cannot read the stream, and when it is caught up. */
class JourneyFactsHealthTest {

    private final EventStore eventStore = mock(EventStore.class);
    private final MongoEventStorageEngine engine = mock(MongoEventStorageEngine.class);
    private final ParkedEvents parked = mock(ParkedEvents.class);
    private final ProcessorGuards guards = new ProcessorGuards(parked);
    private final JourneyFactIndex index = new JourneyFactIndex(
            eventStore, engine, parked, guards, null, null, "test",
            new JourneyFactsProperties.Snapshot(false, false, null, null));
    private final MapFacts facts = new MapFacts(index, null, new JourneyFactsProperties(null, null));

    @AfterEach
    void stop() {
        index.stop();
    }

    @Test
    void factsThatCannotReadTheStream_areDownAndStalled_withTheError() throws Exception {
        when(parked.parkedSequences(any())).thenReturn(Set.of());
        when(parked.parkedCounts()).thenReturn(Map.of());
        when(eventStore.openStream(any())).thenThrow(new MongoTimeoutException("Timed out waiting for a server"));
        when(engine.headSequence()).thenReturn(120L);
        when(engine.nextEventAfter(anyLong(), anyInt())).thenReturn(OptionalLong.of(1));
        index.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!index.isRetrying() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        Health retrying = new JourneyFactsHealthIndicator(index, engine, parked, guards,
                                                          new ProgressWatch(Duration.ofMinutes(2), Clock.systemUTC()), facts)
                .health();
        assertThat(retrying.getStatus()).isEqualTo(Status.DOWN);
        assertThat(retrying.getDetails()).containsEntry("state", "RETRYING").containsEntry("lag", 120L)
                                         .containsEntry("loaded", false);
        assertThat((String) retrying.getDetails().get("lastError")).contains("MongoTimeoutException");
        assertThat((String) retrying.getDetails().get("hint")).contains("cannot read the event stream",
                                                                        "database is unreachable");

        Health stalled = new JourneyFactsHealthIndicator(index, engine, parked, guards,
                                                         new ProgressWatch(Duration.ZERO, Clock.systemUTC()), facts).health();
        assertThat(stalled.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stalled.getDetails()).containsEntry("state", "STALLED").containsEntry("stalled", true);
        assertThat((String) stalled.getDetails().get("hint")).contains("have not advanced for", "120 events are ahead");
    }

    @Test
    void factsThatReadTheWholeStream_areUp() throws Exception {
        when(parked.parkedSequences(any())).thenReturn(Set.of());
        when(parked.parkedCounts()).thenReturn(Map.of());
        @SuppressWarnings("unchecked")
        BlockingStream<TrackedEventMessage<?>> empty = mock(BlockingStream.class);
        when(empty.hasNextAvailable(anyInt(), any())).thenReturn(false);
        when(eventStore.openStream(any())).thenReturn(empty);
        when(engine.headSequence()).thenReturn(0L);
        index.start();
        assertThat(index.awaitLoaded(Duration.ofSeconds(10))).isTrue();

        Health health = new JourneyFactsHealthIndicator(index, engine, parked, guards,
                                                        new ProgressWatch(Duration.ZERO, Clock.systemUTC()), facts).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("stalled", false);
    }
}

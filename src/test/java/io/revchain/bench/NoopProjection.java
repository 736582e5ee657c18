package io.revchain.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Counts events and does nothing else: the cost of delivery alone. */
@Component
@Profile("bench")
@ProcessingGroup(NoopProjection.GROUP)
class NoopProjection {

    static final String GROUP = "bench-noop";
    final AtomicLong handled = new AtomicLong();

    @EventHandler
    void on(Object event) {
        handled.incrementAndGet();
    }
}

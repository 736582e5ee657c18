package io.revchain.analytics.export;

import io.revchain.analytics.HistorySlice;
import io.revchain.analytics.flow.FlowParameters;
import io.revchain.analytics.flow.MapFacts;
import org.springframework.stereotype.Component;

/**
 * Chooses what an export holds from the facts each node keeps in memory (the same bitemporal facts every figure
 * reads, so a window, asOf, knownAt and the filters mean here what they mean for the figures), without touching the
 * store. Blocking while the facts load after a restart: call it off the event loop.
 */
@Component
class HistoryExports {

    private final MapFacts facts;

    HistoryExports(MapFacts facts) {
        this.facts = facts;
    }

    /** Waits for the facts after a restart, and refuses a filter on an attribute no step carries (400). */
    void check(FlowParameters p) {
        facts.awaitLoaded();
        facts.checkDimensions(p);
    }

    HistorySlice slice(FlowParameters p) {
        return HistorySlice.of(facts.journeys(), facts.campaigns(), facts.segments(), p.window(), p.cut(),
                               p.filter());
    }
}

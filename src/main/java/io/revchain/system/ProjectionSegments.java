package io.revchain.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the projections (Axon's pooled streaming processors) are split between the nodes on one store: each processor
 * has {@code revchain.projections.segments} segments (4) when its tokens are first created, and a node claims at
 * most {@code revchain.projections.max-segments-per-node} of each (all by default). Axon does not rebalance claims:
 * the first node up claims what it may, so with several nodes set the maximum so that the nodes left after one
 * fails can still hold every segment, ({@code nodes - 1}) × maximum ≥ segments. See docs/operations.md.
 */
@Component
public class ProjectionSegments {

    private final int segments;
    private final int maxPerNode;

    ProjectionSegments(@Value("${revchain.projections.segments:4}") int segments,
                       @Value("${revchain.projections.max-segments-per-node:0}") int maxPerNode) {
        if (segments < 1 || Integer.bitCount(segments) != 1) {
            throw new IllegalArgumentException("revchain.projections.segments must be a power of two (1, 2, 4, 8 ...), "
                                               + "not " + segments);
        }
        this.segments = segments;
        this.maxPerNode = maxPerNode <= 0 ? Short.MAX_VALUE : maxPerNode;
    }

    public int segments() {
        return segments;
    }

    public int maxPerNode() {
        return maxPerNode;
    }
}

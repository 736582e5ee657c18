package io.revchain.target;

import java.time.Instant;
import java.util.List;

/**
 * Read access to the targets of maps, for endpoints and other features (the joint scorecard reads the agreed revenue
 * target of a quarter). Blocking: call it off the Netty event loop.
 */
public interface TargetCatalog {

    /** Every quarter's targets as they are now, in calendar order; empty when the map has none. */
    List<TargetView> targets(String mapId);

    /** Every quarter's targets as revchain had recorded them at {@code knownAt} (record time). */
    List<TargetView> targets(String mapId, Instant knownAt);

    /** Every version of the map's target plan, oldest first. */
    List<TargetVersionView> history(String mapId);
}

package io.revchain.target;

import io.revchain.chain.BusinessFunction;
import java.math.BigDecimal;

/**
 * A function proposed the targets of a quarter ("2025-Q3"): revenue in {@code currency} (the map's when proposed,
 * null when the map declared none), and optionally MQL and SAL counts. The quarter is PROPOSED until another function
 * agrees to exactly these figures.
 */
public record TargetProposed(String mapId, String quarter, BigDecimal revenue, String currency, Long mqls, Long sals,
                             BusinessFunction proposedBy, String by) implements TargetEvent {
}

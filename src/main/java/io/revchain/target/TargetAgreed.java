package io.revchain.target;

import io.revchain.chain.BusinessFunction;
import java.math.BigDecimal;

/** A function other than the proposer agreed to the quarter's proposed figures, which count from now on. */
public record TargetAgreed(String mapId, String quarter, BigDecimal revenue, String currency, Long mqls, Long sals,
                           BusinessFunction agreedBy, String by) implements TargetEvent {
}

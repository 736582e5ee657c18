package io.revchain.target;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Agree to a quarter's proposed figures, repeating them exactly, for {@code function}, by the person {@code by}. */
public record AcceptTarget(String mapId, String quarter, BigDecimal revenue, Long mqls, Long sals, String function,
                           String by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TargetIds.aggregateId(mapId);
    }
}

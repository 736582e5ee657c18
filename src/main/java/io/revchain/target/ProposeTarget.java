package io.revchain.target;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Propose (or change) the targets of a quarter for a map, for {@code function}, by the person {@code by}. */
public record ProposeTarget(String mapId, String quarter, BigDecimal revenue, Long mqls, Long sals, String function,
                            String by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TargetIds.aggregateId(mapId);
    }
}

package io.revchain.target;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/maps/{mapId}/targets}: the quarter ("2025-Q3"), the revenue target in the map's currency,
 * optional MQL and SAL targets; {@code function} proposes, {@code by} is the person.
 */
public record ProposeTargetRequest(String quarter, BigDecimal revenue, Long mqls, Long sals, String function,
                                   String by) {
}

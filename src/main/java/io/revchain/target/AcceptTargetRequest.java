package io.revchain.target;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/maps/{mapId}/targets/{quarter}/accept}: the figures being agreed to, exactly as proposed
 * (so that nobody agrees to figures changed meanwhile); {@code function} agrees, {@code by} is the person.
 */
public record AcceptTargetRequest(BigDecimal revenue, Long mqls, Long sals, String function, String by) {
}

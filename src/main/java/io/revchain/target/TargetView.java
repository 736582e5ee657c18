package io.revchain.target;

import io.revchain.chain.BusinessFunction;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A quarter's targets on a map. {@code revenue}, {@code mqls}, {@code sals} are the current proposal (or the agreed
 * figures once AGREED); {@code agreedRevenue}, {@code agreedMqls}, {@code agreedSals} are the figures that count:
 * the last agreed ones, which stay in force while a change is PROPOSED (null until a first agreement).
 * {@code version} is the version of the map's target plan that last changed this quarter.
 */
public record TargetView(String quarter, TargetStatus status, BigDecimal revenue, String currency, Long mqls,
                         Long sals, BusinessFunction proposedBy, String proposedByPerson, Instant proposedAt,
                         BusinessFunction agreedBy, String agreedByPerson, Instant agreedAt,
                         BigDecimal agreedRevenue, String agreedCurrency, Long agreedMqls, Long agreedSals,
                         long version) {

    public boolean agreed() {
        return status == TargetStatus.AGREED;
    }
}

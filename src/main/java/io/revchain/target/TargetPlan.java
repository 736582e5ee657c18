package io.revchain.target;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A map's targets as of one version: the pure fold of its first {@code version} events, shared by the aggregate and
 * the catalog. {@code recordedAt} of each change is the event's record time.
 */
record TargetPlan(String mapId, long version, Map<String, TargetView> quarters) {

    TargetPlan {
        quarters = Map.copyOf(quarters);
    }

    static TargetPlan initial(String mapId) {
        return new TargetPlan(mapId, 0, Map.of());
    }

    Optional<TargetView> quarter(String quarter) {
        return Optional.ofNullable(quarters.get(quarter));
    }

    /** Quarters in calendar order. */
    Collection<TargetView> byQuarter() {
        return new TreeMap<>(quarters).values();
    }

    TargetPlan apply(TargetEvent event, Instant recordedAt) {
        // The store keeps milliseconds: truncate so the answer to a write equals every later read.
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        long next = version + 1;
        Map<String, TargetView> updated = new TreeMap<>(quarters);
        TargetView before = quarters.get(event.quarter());
        if (event instanceof TargetProposed p) {
            updated.put(p.quarter(), new TargetView(p.quarter(), TargetStatus.PROPOSED, p.revenue(), p.currency(),
                    p.mqls(), p.sals(), p.proposedBy(), p.by(), at, null, null, null,
                    before == null ? null : before.agreedRevenue(), before == null ? null : before.agreedCurrency(),
                    before == null ? null : before.agreedMqls(), before == null ? null : before.agreedSals(), next));
        } else if (event instanceof TargetAgreed a) {
            updated.put(a.quarter(), new TargetView(a.quarter(), TargetStatus.AGREED, a.revenue(), a.currency(),
                    a.mqls(), a.sals(), before == null ? null : before.proposedBy(),
                    before == null ? null : before.proposedByPerson(), before == null ? null : before.proposedAt(),
                    a.agreedBy(), a.by(), at, a.revenue(), a.currency(), a.mqls(), a.sals(), next));
        }
        return new TargetPlan(mapId, next, updated);
    }

    static String describe(TargetEvent event) {
        if (event instanceof TargetProposed p) {
            return p.quarter() + " proposed by " + p.proposedBy() + " (" + p.by() + "): " + figures(p.revenue(),
                    p.currency(), p.mqls(), p.sals()) + "; agreement needed";
        }
        TargetAgreed a = (TargetAgreed) event;
        return a.quarter() + " agreed by " + a.agreedBy() + " (" + a.by() + "): "
                + figures(a.revenue(), a.currency(), a.mqls(), a.sals());
    }

    private static String figures(BigDecimal revenue, String currency, Long mqls, Long sals) {
        return "revenue " + revenue.toPlainString() + (currency == null ? "" : " " + currency)
                + (mqls == null ? "" : ", " + mqls + " MQLs") + (sals == null ? "" : ", " + sals + " SALs");
    }
}

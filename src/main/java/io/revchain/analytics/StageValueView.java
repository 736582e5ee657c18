package io.revchain.analytics;

import java.math.BigDecimal;

/** Money per stage in a window; every field is defined in docs/metrics.md, "Value per stage". */
public record StageValueView(String group, String stageId, String name, String owner,
                             long entered, BigDecimal valueEntered, long left, BigDecimal valueLeft,
                             long open, BigDecimal openValue, long openWithoutAmount,
                             Double winRate, Long winRateBasis, BigDecimal weightedValue,
                             long wonDeals, BigDecimal wonRevenue, long lostDeals, BigDecimal lostValue,
                             BigDecimal averageDealSize) {
}

package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;
import java.math.BigDecimal;

/** Money per stage in a window; every field is defined in docs/metrics.md, "Value per stage". */
public record StageValueView(String group, String stageId, String name, String owner,
                             long entered, BigDecimal valueEntered, long left, BigDecimal valueLeft,
                             long open, BigDecimal openValue, long openWithoutAmount,
                             @Rounded(RATIO) Double winRate, Long winRateBasis, BigDecimal weightedValue,
                             long wonDeals, BigDecimal wonRevenue, long lostDeals, BigDecimal lostValue,
                             BigDecimal averageDealSize) {
}

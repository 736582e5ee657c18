package io.revchain.analytics;

import java.math.BigDecimal;

/** The map's money in a window, all stages together; defined in docs/metrics.md, "Value per stage". */
public record ValueSummaryView(String group, long open, BigDecimal pipelineValue, long openWithoutAmount,
                               BigDecimal weightedPipeline, BigDecimal pipelineValueWithoutWinRate,
                               long wonDeals, BigDecimal wonRevenue, long wonWithoutAmount,
                               BigDecimal averageDealSize, long lostDeals, BigDecimal lostValue) {
}

package io.revchain.analytics;

/**
 * How complete the amounts behind a money document were: distinct journeys (or campaigns, for budgets) whose value
 * was needed and was in the map's {@code currency}, had no currency (counted as the map's), was in another currency
 * (left out), or had no amount at all.
 */
public record AmountCoverageView(String currency, long inCurrency, long withoutCurrency, long otherCurrency,
                                 long withoutAmount) {
}

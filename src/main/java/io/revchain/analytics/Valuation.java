package io.revchain.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a journey or a campaign is worth in one map's currency. A journey's value at a time is the amount of its
 * latest visible step carrying an {@code amount} up to that time (an opportunity's amount, revised by a later step,
 * and the won deal's own amount at the win). An amount in the map's currency counts; one without a currency counts
 * as if in the map's currency; one in another currency is left out, never converted. Each valuation is noted for the
 * document's {@link AmountCoverageView}.
 */
public final class Valuation {

    /** How an amount relates to the map's currency. */
    public enum Kind {
        /** In the map's currency: counted. */
        IN_CURRENCY,
        /** No currency on the step: counted as the map's currency. */
        WITHOUT_CURRENCY,
        /** In another currency: left out. */
        OTHER_CURRENCY,
        /** No amount at all. */
        NONE
    }

    /** An amount and how it relates to the map's currency; the amount is null unless it counts. */
    public record Value(BigDecimal amount, Kind kind) {

        static final Value NONE = new Value(null, Kind.NONE);

        public boolean counts() {
            return amount != null;
        }
    }

    private final String currency;
    private final int digits;
    private final Set<String> inCurrency = new HashSet<>();
    private final Set<String> withoutCurrency = new HashSet<>();
    private final Set<String> otherCurrency = new HashSet<>();
    private final Set<String> withoutAmount = new HashSet<>();

    public Valuation(String currency) {
        this.currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        int fraction = this.currency == null ? 2 : Currency.getInstance(this.currency).getDefaultFractionDigits();
        this.digits = fraction < 0 ? 2 : fraction;
    }

    public String currency() {
        return currency;
    }

    /** The journey's value at {@code t}: its latest visible amount with occurredAt <= t; null t means the latest. */
    public Value at(JourneyFlow journey, Instant t) {
        return note(journey.journeyId(), latest(journey.steps(), t, true));
    }

    /** As {@link #at}, from steps strictly before {@code t}: the value at a window boundary (docs/metrics.md §3). */
    public Value before(JourneyFlow journey, Instant t) {
        return note(journey.journeyId(), latest(journey.steps(), t, false));
    }

    /** A campaign's budget, from its CampaignLaunched step, noted under the campaign id. */
    public Value budget(String campaignId, StepFact launched) {
        if (launched == null) {
            return note(campaignId, Value.NONE);
        }
        return note(campaignId, classify(parse(launched.attribute("budget")), launched.attribute("currency")));
    }

    private Value latest(List<StepFact> steps, Instant t, boolean inclusive) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepFact step = steps.get(i);
            if (t != null && (inclusive ? step.occurredAt().isAfter(t) : !step.occurredAt().isBefore(t))) {
                continue;
            }
            BigDecimal amount = parse(step.attribute("amount"));
            if (amount != null) {
                return classify(amount, step.attribute("currency"));
            }
        }
        return Value.NONE;
    }

    private Value classify(BigDecimal amount, String stepCurrency) {
        if (amount == null) {
            return Value.NONE;
        }
        if (stepCurrency == null) {
            return new Value(amount, Kind.WITHOUT_CURRENCY);
        }
        return stepCurrency.strip().toUpperCase(Locale.ROOT).equals(currency)
                ? new Value(amount, Kind.IN_CURRENCY) : new Value(null, Kind.OTHER_CURRENCY);
    }

    private Value note(String id, Value value) {
        switch (value.kind()) {
            case IN_CURRENCY -> inCurrency.add(id);
            case WITHOUT_CURRENCY -> withoutCurrency.add(id);
            case OTHER_CURRENCY -> otherCurrency.add(id);
            case NONE -> withoutAmount.add(id);
        }
        return value;
    }

    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A sum divided by a count, rounded half-even to the currency's minor unit (2 digits without a currency). */
    public BigDecimal divide(BigDecimal sum, long count) {
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), digits, RoundingMode.HALF_EVEN);
    }

    /** An amount times a rate, rounded like {@link #divide}. */
    public BigDecimal times(BigDecimal amount, Double rate) {
        return rate == null ? null : amount.multiply(BigDecimal.valueOf(rate)).setScale(digits, RoundingMode.HALF_EVEN);
    }

    /** Whose values counted, were assumed, were left out or were missing, over every valuation made so far. */
    public AmountCoverageView coverage() {
        return new AmountCoverageView(currency, inCurrency.size(), withoutCurrency.size(), otherCurrency.size(),
                                      withoutAmount.size());
    }
}

package io.revchain.map;

/** The ISO 4217 currencies that some supply chain map declares for its amounts. */
public interface DeclaredCurrencies {

    /** True when some map's current definition declares the currency (upper-case ISO 4217 code). */
    boolean isDeclaredCurrency(String currency);
}

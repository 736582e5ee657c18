package io.revchain.analytics;

/** Cohort conversion A to B: of the journeys entering A in the window, how many entered B later; rate null if none. */
public record ConversionView(String group, String fromStage, String toStage, long cohort, long reached, Double rate) {
}

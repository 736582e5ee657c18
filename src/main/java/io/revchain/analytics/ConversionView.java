package io.revchain.analytics;

import static io.revchain.system.web.Rounded.Scale.RATIO;

import io.revchain.system.web.Rounded;

/** Cohort conversion A to B: of the journeys entering A in the window, how many entered B later; rate null if none. */
public record ConversionView(String group, String fromStage, String toStage, long cohort, long reached,
                             @Rounded(RATIO) Double rate) {
}

package io.revchain.system.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A floating-point figure of a read row, rounded where it leaves the service (JSON and CSV alike) to the precision
 * docs/metrics.md documents for its kind. The analytics functions keep the exact double; only the HTTP answer is
 * rounded, so that {@code 2503.2000000000007} hours reads {@code 2503.2}. Every {@code double}/{@code Double}
 * component of a record served over HTTP carries this annotation (checked by ReadContractTest).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonSerialize(using = RoundedSerializer.class)
public @interface Rounded {

    Scale value();

    /** The documented precisions. */
    enum Scale {
        /** Durations in hours: to the thousandth of an hour (3.6 s). */
        HOURS(3),
        /** Durations in days (cycle times): to the thousandth of a day (86.4 s). */
        DAYS(3),
        /** Rates and shares in [0, 1]: to 0.0001 (a hundredth of a percent). */
        RATIO(4),
        /** Throughputs such as events per second: to one decimal. */
        THROUGHPUT(1);

        private final int decimals;

        Scale(int decimals) {
            this.decimals = decimals;
        }

        public int decimals() {
            return decimals;
        }

        /** Half-up at the scale, without trailing zeros; null for null, NaN and infinities (no figure). */
        public BigDecimal round(Double value) {
            if (value == null || value.isNaN() || value.isInfinite()) {
                return null;
            }
            BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP)
                                           .stripTrailingZeros();
            return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
        }
    }
}

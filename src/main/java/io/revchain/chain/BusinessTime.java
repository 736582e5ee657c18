package io.revchain.chain;

import java.time.Instant;

/**
 * The range of business times the chain accepts: years 1900 through 2199 (UTC). Wider than any CRM or event log
 * holds, and far inside what every store and date library represents, so an accepted time can always be written
 * and computed with (a year such as +999999999 overflowed the read models' millisecond dates).
 */
public final class BusinessTime {

    /** The earliest accepted instant, inclusive. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The first instant past the range, exclusive. */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");
    /** Says the range in a refusal: "must be from 1900-01-01T00:00:00Z (inclusive) to 2200-...". */
    public static final String RANGE = "must be from " + EARLIEST + " (inclusive) to " + END
            + " (exclusive): years 1900 through 2199";

    private BusinessTime() {
    }

    public static boolean accepts(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }
}

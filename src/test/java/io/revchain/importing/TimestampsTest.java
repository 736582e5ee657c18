package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2016-10-20                        | 2016-10-19T22:00:00Z",
            "2010-12-30T14:32:00.000+01:00     | 2010-12-30T13:32:00Z",
            "2012-10-09T14:50:17+00:00         | 2012-10-09T14:50:17Z",
            "2017-03-01 14:30:00               | 2017-03-01T13:30:00Z",
            "2017-07-01 14:30                  | 2017-07-01T12:30:00Z",
            "2017-03-01T14:30:00Z              | 2017-03-01T14:30:00Z",
            "2017-03-01T14:30:00+0100          | 2017-03-01T13:30:00Z",
            "2017-03-01T14:30:00-05:30         | 2017-03-01T20:00:00Z",
            "2017-03-01T14:30:00[Asia/Tokyo]   | 2017-03-01T05:30:00Z"})
    void isoForms_withZoneForValuesWithoutOffset(String value, String instant) {
        assertThat(Timestamps.parse(value, null, PARIS)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-02-30", "2017-13-01", "2017-03-01T25:00", "01/03/2017", "yesterday",
                            "2017-03-01T14:30:00 +01:00", "20170301"})
    void anythingElse_isRefusedRatherThanGuessed(String value) {
        assertThatThrownBy(() -> Timestamps.parse(value, null, PARIS)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void atFormat_parsesStrictly() {
        assertThat(Timestamps.parse("01/03/2017", Timestamps.pattern("dd/MM/yyyy"), PARIS))
                .isEqualTo(Instant.parse("2017-02-28T23:00:00Z"));
        assertThat(Timestamps.parse("03/01/2017 2:30 PM", Timestamps.pattern("MM/dd/yyyy h:mm a"), PARIS))
                .isEqualTo(Instant.parse("2017-03-01T13:30:00Z"));
        assertThatThrownBy(() -> Timestamps.parse("30/02/2017", Timestamps.pattern("dd/MM/yyyy"), PARIS))
                .isInstanceOf(DateTimeException.class);
    }
}

package io.revchain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ElapsedTimeTest {

    @Test
    void calendarTimeIsDurationBetween_forwardBackwardAndAtTheEndsOfTime() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant from = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L),
                                                 random.nextInt(1_000_000_000));
            Instant to = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L),
                                               random.nextInt(1_000_000_000));
            assertThat(ElapsedTime.CALENDAR.between(from, to)).isEqualTo(Duration.between(from, to));
        }
        for (Instant[] pair : new Instant[][] {{Instant.MIN, Instant.MAX}, {Instant.MAX, Instant.MIN},
                {Instant.parse("2025-07-01T10:00:00.999999999Z"), Instant.parse("2025-07-01T10:00:01Z")},
                {Instant.parse("2025-07-01T10:00:01Z"), Instant.parse("2025-07-01T10:00:00.999999999Z")}}) {
            assertThat(ElapsedTime.CALENDAR.between(pair[0], pair[1])).isEqualTo(Duration.between(pair[0], pair[1]));
        }
    }
}

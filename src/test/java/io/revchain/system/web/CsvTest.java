package io.revchain.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    record Row(String stage, Integer count, Double hours, Instant at) {
    }

    record Nested(List<String> values) {
    }

    @Test
    void writesHeaderAndFlatRows_withIsoTimesPlainDecimalsAndEmptyNulls() {
        String csv = Csv.write(Row.class, List.of(new Row("mql", 3, 12.5, Instant.parse("2025-07-01T00:00:00Z")),
                                                  new Row("sal", null, 1.0E-7, null)));

        assertThat(csv).isEqualTo("stage,count,hours,at\r\n"
                                          + "mql,3,12.5,2025-07-01T00:00:00Z\r\n"
                                          + "sal,,0.0000001,\r\n");
    }

    @Test
    void quotesCellsWithDelimitersQuotesOrLineBreaks() {
        String csv = Csv.write(Row.class, List.of(new Row("a,b \"c\"\nd", 1, Double.NaN, null)));

        assertThat(csv.split("\r\n")[1]).isEqualTo("\"a,b \"\"c\"\"\nd\",1,,");
    }

    @Test
    void refusesNestedValues() {
        assertThatThrownBy(() -> Csv.write(Nested.class, List.of(new Nested(List.of("x")))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

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

    record Figures(@Rounded(Rounded.Scale.HOURS) double hours, @Rounded(Rounded.Scale.RATIO) Double rate) {
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

    @Test
    void roundsFiguresToTheirDocumentedPrecision() {
        // 2503.2000000000007 h → 2503.2; 0.0786111111111111 → 0.0786; 1e-9 h → 0; a rate of exactly 1 → 1
        String csv = Csv.write(Figures.class, List.of(new Figures(2503.2000000000007, 0.0786111111111111),
                                                      new Figures(1e-9, 1.0), new Figures(0.00050, null)));

        assertThat(csv).isEqualTo("hours,rate\r\n2503.2,0.0786\r\n0,1\r\n0.001,\r\n");
    }

    @Test
    void emptyRowsStillNameTheColumns() {
        assertThat(Csv.write(Row.class, List.of())).isEqualTo("stage,count,hours,at\r\n");
    }
}

package io.revchain.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RoundedTest {

    record Figures(@Rounded(Rounded.Scale.HOURS) double hours, @Rounded(Rounded.Scale.RATIO) Double rate,
                   @Rounded(Rounded.Scale.HOURS) Double change, double exact) {
    }

    @Test
    void jsonCarriesFiguresAtTheirDocumentedPrecision_asPlainNumbers() {
        // 2503.2000000000007 h → 2503.2; 0.0786111111111111 → 0.0786; -1234567.0004999 h → -1234567; unannotated
        // doubles are written as they are.
        String json = JsonMapper.builder().build()
                                .writeValueAsString(new Figures(2503.2000000000007, 0.0786111111111111,
                                                                -1234567.0004999, 0.1 + 0.2));

        assertThat(json).isEqualTo(
                "{\"hours\":2503.2,\"rate\":0.0786,\"change\":-1234567,\"exact\":0.30000000000000004}");
    }

    @Test
    void missingFiguresStayNull() {
        String json = JsonMapper.builder().build().writeValueAsString(new Figures(Double.NaN, null, null, 1));

        assertThat(json).isEqualTo("{\"hours\":null,\"rate\":null,\"change\":null,\"exact\":1.0}");
    }
}

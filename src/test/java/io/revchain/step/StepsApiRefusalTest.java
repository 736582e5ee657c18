package io.revchain.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bodies and values the intake must refuse with 400 naming the field, storing nothing (issue 10, defects 4, 6). */
class StepsApiRefusalTest extends StepsApiTestSupport {

    private WebTestClient.BodyContentSpec refused(String body) {
        long before = storedEventDocuments();
        WebTestClient.BodyContentSpec spec = client.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON)
                                                   .bodyValue(body).exchange()
                                                   .expectStatus().isBadRequest()
                                                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                                   .expectBody();
        assertThat(storedEventDocuments()).as("nothing stored").isEqualTo(before);
        return spec;
    }

    private static String leadCaptured(String lead, String attributes) {
        return "[{\"stepId\": \"" + lead + "-1\", \"type\": \"LeadCaptured\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": " + attributes + "}]";
    }

    private static String dealWon(String lead, String amount) {
        return "[{\"stepId\": \"" + lead + "-1\", \"type\": \"DealWon\", \"occurredAt\": \"2024-04-01\", "
                + "\"journeyId\": \"" + lead + "\", \"attributes\": {\"amount\": " + amount + "}}]";
    }

    @Test
    void emptyOrBlankBodyIsRefused() {
        client.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).exchange()
              .expectStatus().isBadRequest()
              .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
              .expectBody().jsonPath("$.errors[0].field").isEqualTo("body")
              .jsonPath("$.errors[0].reason").value(containsString("empty"));
        refused(" ").jsonPath("$.errors[0].field").isEqualTo("body");
        refused("\r\n\t").jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void arrayOfArraysIsRefused() {
        refused("[[]]").jsonPath("$.errors[0].index").isEqualTo(0)
                       .jsonPath("$.errors[0].field").isEqualTo("body")
                       .jsonPath("$.errors[0].reason").value(containsString("must be a JSON object"));
    }

    @Test
    void bodyThatIsNotAnArrayIsRefused() {
        String lead = unique("lead");
        refused("{\"stepId\": \"" + lead + "\", \"type\": \"LeadCaptured\", \"occurredAt\": \"2024-04-01\", "
                        + "\"journeyId\": \"" + lead + "\"}")
                .jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.errors[0].reason").value(containsString("must be a JSON array"));
        refused("42").jsonPath("$.errors[0].field").isEqualTo("body");
        refused("[] []").jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void attributeNamesThatAreNotPlainDocumentKeysAreRefused() {
        for (String name : List.of("$where", "a.b", ".", "_id", "a\\u0000b", "tab\\there")) {
            refused(leadCaptured(unique("lead"), "{\"" + name + "\": \"x\"}"))
                    .jsonPath("$.errors").value(hasSize(1))
                    .jsonPath("$.errors[0].index").isEqualTo(0)
                    .jsonPath("$.errors[0].field").isEqualTo("attributes")
                    .jsonPath("$.errors[0].reason").value(containsString("attribute names must be"));
        }
    }

    @Test
    void amountBeyondDecimal128IsRefused_notRounded() {
        // 10 + 25 = 35 significant digits; Decimal128 holds 34.
        refused(dealWon(unique("lead"), "\"1234567890.1234567890123456789012345\""))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[0].reason").value(containsString("at most 34 significant digits"));
        refused(dealWon(unique("lead"), "1234567890.1234567890123456789012345"))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.amount");
    }

    @Test
    void amountTooSmallToKeepIsRefused_notSilentlyZero() {
        refused(dealWon(unique("lead"), "1e-400"))
                .jsonPath("$.errors[0].field").isEqualTo("attributes.amount")
                .jsonPath("$.errors[0].reason").value(containsString("digits"));
    }

    @Test
    void repeatedKeysAreRefused_namingTheField() {
        String lead = unique("lead");
        refused("[{\"stepId\": \"" + lead + "-1\", \"type\": \"LeadCaptured\", \"type\": \"DealWon\", "
                        + "\"occurredAt\": \"2024-04-01\", \"journeyId\": \"" + lead + "\"}]")
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("type")
                .jsonPath("$.errors[0].reason").value(containsString("given twice"));
        refused(leadCaptured(lead, "{\"channel\": \"web\", \"channel\": \"email\"}"))
                .jsonPath("$.errors[0].index").isEqualTo(0)
                .jsonPath("$.errors[0].field").isEqualTo("attributes.channel");
    }

    @Test
    void malformedJsonIsDescribedWithoutInternals() {
        refused("[{\"stepId\": \"s1\", \"type\": }]")
                .jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.errors[0].reason").value(containsString("is not valid JSON at line 1"))
                .jsonPath("$.detail").value(not(containsString("Source")))
                .jsonPath("$.detail").value(not(containsString("`")));
    }
}

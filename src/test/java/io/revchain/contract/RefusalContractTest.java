package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Refusals a client meets at the HTTP boundary (issue 10, defects 5 to 8): each is 400 (or the fitting 4xx)
 * {@code application/problem+json} naming the field, in the client's words, never the service's Java types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class RefusalContractTest {

    private static final String MAP = "/api/maps/" + ContractData.MAP;

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @BeforeEach
    void history() {
        ContractData.ensure(http);
    }

    private WebTestClient.BodyContentSpec refusedGet(String uri, String field) {
        return http.get().uri(uri).exchange()
                   .expectStatus().isBadRequest()
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                   .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private WebTestClient.BodyContentSpec refusedWrite(String method, String uri, String json, String field) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                   .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                   .expectStatus().isBadRequest()
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                   .expectBody()
                   .jsonPath("$.errors[0].field").isEqualTo(field)
                   .jsonPath("$.detail").value(not(containsString("io.revchain")))
                   .jsonPath("$.detail").value(not(containsString("java.")))
                   .jsonPath("$.detail").value(not(containsString("Mono<")));
    }

    @Test
    void unknownFormatIsRefused_andFlowAnswersJsonOnly() {
        refusedGet(MAP + "/flow?quarter=2025-Q3&format=xml", "format");
        refusedGet(MAP + "/flow?quarter=2025-Q3&format=csv", "format");
        refusedGet(MAP + "/stages?quarter=2025-Q3&format=xml", "format")
                .jsonPath("$.errors[0].reason").value(containsString("csv or json"));
    }

    @Test
    void unknownPartIsRefused_inJsonModeToo() {
        refusedGet(MAP + "/loop?quarter=2025-Q3&part=nope", "part")
                .jsonPath("$.errors[0].reason").value(containsString("feedbackBySegment"));
        refusedGet(MAP + "/compare?a=2025-Q2&b=2025-Q3&part=nope", "part");
    }

    @Test
    void repeatedSingleValuedParameterIsRefused() {
        refusedGet(MAP + "/stages?quarter=2025-Q3&groupBy=owner&groupBy=channel", "groupBy")
                .jsonPath("$.errors[0].reason").value(containsString("given 2 times"));
        refusedGet(MAP + "/transitions?quarter=2025-Q3&quarter=2025-Q2", "quarter");
    }

    @Test
    void replayPaceIsBounded() {
        refusedGet(MAP + "/replay?quarter=2025-Q3&pace=PT999999H", "pace")
                .jsonPath("$.errors[0].reason").value(containsString("at most PT10S"));
        refusedGet(MAP + "/replay?quarter=2025-Q3&pace=PT9999999999999999H", "pace");
    }

    @Test
    void pacedReplaySendsItsHeadersAtOnce() {
        long started = System.nanoTime();
        FluxExchangeResult<String> result = http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                                                .get().uri(MAP + "/replay?quarter=2025-Q3&step=P30D&pace=PT8S")
                                                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                                                .expectStatus().isOk()
                                                .returnResult(String.class);
        Duration toHeaders = Duration.ofNanos(System.nanoTime() - started);
        assertThat(result.getResponseHeaders().getContentType()).isNotNull();
        assertThat(toHeaders).as("headers before the first paced frame (8 s)").isLessThan(Duration.ofSeconds(5));
        // Go away, as a client closing the tab: the stream ends with it.
        result.getResponseBody().take(Duration.ofMillis(1)).blockLast();
    }

    @Test
    void unknownFieldsAreRefused_onTheDefinitionEndpointsAndEveryOtherBody() {
        refusedWrite("POST", MAP + "/definitions", "{\"term\": \"SQL\", \"text\": \"t\", \"function\": "
                + "\"SALES\", \"by\": \"Bo\", \"colour\": \"red\"}", "colour")
                .jsonPath("$.errors[0].reason").value(containsString("unknown field"));
        refusedWrite("POST", MAP + "/definitions/MQL/accept", "{\"function\": \"SALES\", \"by\": \"Bo\", "
                + "\"txt\": \"score at least 60\"}", "txt");
        refusedWrite("PUT", "/api/maps/refused", "{\"name\": \"x\", \"stages\": [{\"stageId\": \"a\", \"owner\": "
                + "\"SALES\", \"enteredOn\": [\"LeadCaptured\"], \"sla\": 4}]}", "stages[0].sla");
        refusedWrite("POST", "/api/sessions", "{\"sessionId\": \"s-unknown\", \"mapId\": \"contract\", "
                + "\"facilitator\": \"Fay\", \"participants\": [], \"room\": \"B2\"}", "room");
    }

    @Test
    void repeatedKeysAreRefused_onEveryJsonBody() {
        refusedWrite("POST", MAP + "/definitions", "{\"term\": \"SQL\", \"text\": \"a\", \"text\": \"b\", "
                + "\"function\": \"SALES\", \"by\": \"Bo\"}", "text")
                .jsonPath("$.errors[0].reason").value(containsString("given twice"));
        refusedWrite("PUT", "/api/maps/refused", "{\"name\": \"x\", \"stages\": [{\"stageId\": \"a\", "
                + "\"stageId\": \"b\", \"owner\": \"SALES\", \"enteredOn\": [\"LeadCaptured\"]}]}",
                     "stages[0].stageId");
    }

    @Test
    void refusalsNameNoJavaTypes() {
        refusedWrite("POST", MAP + "/definitions", "[]", "body")
                .jsonPath("$.errors[0].reason").isEqualTo("must be an object");
        refusedWrite("PUT", "/api/maps/refused", "{\"name\": [\"x\"]}", "name")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a string");
        refusedWrite("PUT", "/api/maps/refused", "{\"name\": \"x\", \"stages\": [{\"stageId\": \"a\", "
                + "\"slaHours\": 4.5}]}", "stages[0].slaHours")
                .jsonPath("$.errors[0].reason").isEqualTo("must be a whole number");
        http.post().uri(MAP + "/definitions").contentType(MediaType.APPLICATION_JSON).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("body")
            .jsonPath("$.detail").value(not(containsString("Mono<")));
        refusedGet(MAP + "/versions/latest", "version")
                .jsonPath("$.errors[0].reason").value(containsString("must be a whole number"))
                .jsonPath("$.detail").value(not(containsString("java.")));
        http.post().uri(MAP + "/definitions").contentType(MediaType.TEXT_PLAIN).bodyValue("MQL").exchange()
            .expectStatus().isEqualTo(415)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(not(containsString("io.revchain")));
    }

    @Test
    void bodyOverTheCodecLimitIsRefusedWithProblemJson() {
        http.put().uri("/api/maps/refused").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"" + "x".repeat(300_000) + "\"}").exchange()
            .expectStatus().isEqualTo(413)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.detail").value(not(containsString("Exception")));
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblemJson() {
        // Deny by default: a route or method the route table does not list is refused even to an admin.
        http.get().uri("/api/nowhere").exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.rule").isEqualTo("route-unknown");
        http.delete().uri("/api/maps").exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.rule").isEqualTo("route-unknown");
        http.get().uri("/api/maps/no-such-map").exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthDoesNotNameTheDataPath() {
        String health = http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                            .expectBody(String.class).returnResult().getResponseBody();
        String workingDirectory = System.getProperty("user.dir");
        assertThat(health).contains("\"diskSpace\"").doesNotContain(workingDirectory).doesNotContain("\"path\"");
    }

    @Test
    void prometheusIsServedAsOperationsDocuments() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).value(body -> assertThat(body).contains("http_server_requests"));
    }

    @Test
    void urlOver4kbIsRefusedWithProblemJson() throws IOException {
        String response = raw("GET /api/maps?q=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 414").contains("application/problem+json")
                            .contains("\"status\":414");
    }

    @Test
    void headersOver8kbAreRefusedWithProblemJson() throws IOException {
        String response = raw("GET /api/maps HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(9000)
                                      + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431").contains("application/problem+json")
                            .contains("\"status\":431");
    }

    /** One request over a plain socket, as a client whose library does not cap what it sends. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // The server closes the connection after a decoder refusal; what arrived is the answer.
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

}

package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.system.eventstore.MongoEventStorageEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Generated hostile requests across every endpoint, from a fixed seed so that a failure replays exactly: odd methods,
 * paths, query parameters, headers and bodies (malformed JSON, huge numbers, odd unicode, NULs, deep nesting, wrong
 * types, repeated keys). No answer may be a 5xx, every 4xx is problem+json, a refused request stores nothing (the
 * event store's head does not move), and health stays UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class HostileRequestsTest {

    static final long SEED = 20261129L;
    static final int REQUESTS = 1_200;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String MAP = ContractData.MAP;

    private static final String[] STEPS = {"POST", "/api/steps"};

    /** Every route of the API with its method; {@link #method()} sends another method now and then. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/api/maps"},
            new String[] {"PUT", "/api/maps/{id}"},
            new String[] {"GET", "/api/maps/{id}"},
            new String[] {"GET", "/api/maps/{id}/versions"},
            new String[] {"GET", "/api/maps/{id}/versions/{n}"},
            new String[] {"GET", "/api/maps/{id}/definitions"},
            new String[] {"POST", "/api/maps/{id}/definitions"},
            new String[] {"POST", "/api/maps/{id}/definitions/{term}/accept"},
            new String[] {"GET", "/api/maps/{id}/stages"},
            new String[] {"GET", "/api/maps/{id}/transitions"},
            new String[] {"GET", "/api/maps/{id}/conversions"},
            new String[] {"GET", "/api/maps/{id}/flow"},
            new String[] {"GET", "/api/maps/{id}/loop"},
            new String[] {"GET", "/api/maps/{id}/compare"},
            new String[] {"GET", "/api/maps/{id}/replay"},
            STEPS,
            new String[] {"GET", "/api/sessions"},
            new String[] {"POST", "/api/sessions"},
            new String[] {"GET", "/api/sessions/{id}"},
            new String[] {"POST", "/api/sessions/{id}/decisions"},
            new String[] {"POST", "/api/sessions/{id}/action-items"},
            new String[] {"POST", "/api/sessions/{id}/action-items/{item}/complete"},
            new String[] {"POST", "/api/sessions/{id}/close"},
            new String[] {"GET", "/api/imports"},
            new String[] {"POST", "/api/imports"},
            new String[] {"GET", "/api/imports/{id}"},
            new String[] {"POST", "/api/imports/{id}/cancel"},
            new String[] {"GET", "/api/admin/rebuild"},
            new String[] {"POST", "/api/admin/rebuild"},
            new String[] {"GET", "/actuator/health"},
            new String[] {"GET", "/actuator/info"},
            new String[] {"GET", "/actuator/metrics"},
            new String[] {"GET", "/v3/api-docs"},
            new String[] {"GET", "/api/nowhere/{id}"});

    private static final String[] IDS = {
        MAP, "default", "no-such-map", "a", "x".repeat(300), "%00", "a%00b", "..%2F..%2Fetc", "%24where", "_id",
        "%F0%9F%98%80", "%D8%B9%D8%B1%D8%A8%D9%8A", "a%20b", "%25", "1e999", "-1", "0", "9223372036854775808",
        "null", "%E2%80%AE", ContractData.SESSION, "a.b", "A" + "%CC%81".repeat(50)
    };

    private static final String[] PARAMETERS = {
        "from", "to", "quarter", "asOf", "knownAt", "groupBy", "channel", "segment", "campaign", "definitions",
        "format", "part", "a", "b", "step", "pace", "mapId", "status", "nope", "%00", "$where"
    };

    private static final String[] VALUES = {
        "2025-Q3", "2025-Q9", "2025-07-01", "2025-02-30", "+999999999-12-31", "-999999999-01-01",
        "2025-07-01T00:00:00Z", "2025-07-01T00:00:00", "P1D", "PT0S", "-P1D", "P999999999D", "PT0.000000001S",
        "PT999999H", "csv", "json", "xml", "owner", "OWNER", "(none)", "inForce", "nope", "", "%20", "%00", "%FF",
        "%F0%9F%92%A9", "1e999999999", "9".repeat(400), "2025-Q2/2025-Q3", "2025-07-01/2025-06-01", "open",
        "closed", "%5B%5D", "%7B%7D", "%22%3Cscript%3E", "x".repeat(2000)
    };

    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json", "application/json; charset=utf-16", "text/plain",
        "application/xml", "multipart/form-data", "multipart/form-data; boundary=zz",
        "application/x-www-form-urlencoded",
        "*/*", "text/garbage; x=y", "application/problem+json"
    };

    private static final String[] ACCEPTS = {
        "application/json", "text/csv", "text/event-stream", "application/xml", "*/*", "text/html", "garbage/x",
        "application/problem+json"
    };

    @Autowired
    WebTestClient http;

    @Autowired
    MongoEventStorageEngine store;

    @LocalServerPort
    int port;

    private final Random random = new Random(SEED);

    @BeforeEach
    void history() {
        ContractData.ensure(http);
    }

    @Test
    void hostileRequestsNeverFailTheServiceNorStoreAnything() throws IOException {
        WebTestClient client = http.mutate().responseTimeout(TIMEOUT).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            // A quarter of the requests go to the steps intake, whose bodies have the most to get wrong.
            String[] route = random.nextInt(4) == 0 ? STEPS : ROUTES.get(random.nextInt(ROUTES.size()));
            String uri = uri(route[1]);
            HttpMethod method = method();
            if (method == null) {
                method = HttpMethod.valueOf(route[0]);
            }
            // Mostly JSON, so that bodies get past content negotiation to the readers they are meant to break.
            String contentType = random.nextInt(10) < 7 ? "application/json" : pick(CONTENT_TYPES);
            String accept = random.nextInt(10) < 6 ? "*/*" : pick(ACCEPTS);
            byte[] body = random.nextInt(5) == 0 ? null
                    : route == STEPS && random.nextInt(4) > 0 ? steps().getBytes(StandardCharsets.UTF_8)
                    : body();
            long headBefore = store.headSequence();
            var spec = client.method(method).uri(java.net.URI.create("http://localhost:" + port + uri))
                             .header("Accept", accept);
            if (random.nextInt(8) == 0) {
                spec = spec.header("X-" + pick(PARAMETERS).replaceAll("[^A-Za-z]", "") + "-Odd",
                                   "\u00e9\u00e8" + pick(VALUES).replaceAll("[^ -~]", ""));
            }
            String what = "#" + i + " " + method + " " + abbreviate(uri) + " (" + contentType + ", body "
                    + (body == null ? "none" : abbreviate(new String(body, StandardCharsets.UTF_8))) + ")";
            EntityExchangeResult<byte[]> result;
            try {
                result = body == null
                        ? spec.exchange().expectBody().returnResult()
                        : spec.header("Content-Type", contentType).bodyValue(body).exchange().expectBody()
                              .returnResult();
            } catch (IllegalStateException e) {
                violations.add(what + " did not answer within " + TIMEOUT.toSeconds() + " s");
                continue;
            }
            int status = result.getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                violations.add(what + " answered " + status);
            }
            if (status >= 400 && status < 500) {
                MediaType type = result.getResponseHeaders().getContentType();
                if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                    violations.add(what + " answered " + status + " as " + type);
                }
                long headAfter = store.headSequence();
                if (headAfter != headBefore) {
                    violations.add(what + " was refused (" + status + ") but the store's head moved from "
                                           + headBefore + " to " + headAfter);
                }
            }
        }
        for (String raw : List.of("GARBAGE\r\n\r\n", "GET /api/maps HTTP/9.9\r\n\r\n",
                                  "GET /api/maps?" + "q".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                                  "GET /api/maps HTTP/1.1\r\nHost: x\r\nX: " + "h".repeat(9000) + "\r\n\r\n",
                                  "GET /api/maps HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                                  "PUT /api/maps/x HTTP/1.1\r\nHost: x\r\nContent-Type: garbage\r\n"
                                          + "Content-Length: 2\r\n\r\n{}",
                                  "POST /api/steps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                          + "Content-Length: 5\r\n\r\n[[[[[")) {
            String response = raw(raw);
            int status = response.length() >= 12 ? Integer.parseInt(response.substring(9, 12)) : 0;
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status == 0) {
                violations.add("raw " + abbreviate(raw) + " answered " + abbreviate(response));
            } else if (status >= 400 && !response.contains("application/problem+json")) {
                violations.add("raw " + abbreviate(raw) + " answered " + status + " without problem+json");
            }
        }
        assertThat(violations).as("statuses seen: %s", statuses).isEmpty();
        assertThat(statuses.keySet()).as("the generator reaches refusals and successes").contains(200, 400, 404);
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /** Mostly null (the route's own method), sometimes another one. */
    private HttpMethod method() {
        int roll = random.nextInt(20);
        return switch (roll) {
            case 0 -> HttpMethod.DELETE;
            case 1 -> HttpMethod.PATCH;
            case 2 -> HttpMethod.OPTIONS;
            case 3 -> HttpMethod.HEAD;
            case 4 -> HttpMethod.valueOf("PROPFIND");
            default -> null;
        };
    }

    private String uri(String route) {
        String path = route.replace("{id}", pick(IDS)).replace("{n}", pick(new String[] {"1", "0", "-1", "x",
                "99999999999999999999"})).replace("{term}", pick(new String[] {"MQL", "%00", "a%2Fb", "x".repeat(90)}))
                              .replace("{item}", pick(IDS));
        StringBuilder query = new StringBuilder();
        int parameters = random.nextInt(4);
        for (int p = 0; p < parameters; p++) {
            query.append(query.isEmpty() ? "?" : "&").append(pick(PARAMETERS)).append('=').append(pick(VALUES));
        }
        return path + query;
    }

    private byte[] body() {
        List<Supplier<String>> bodies = List.of(
                () -> "",
                () -> " ",
                () -> "[[]]",
                () -> "[{}]",
                () -> "{",
                () -> "[" + "[".repeat(random.nextInt(20_000)),
                () -> "[".repeat(2_000) + "]".repeat(2_000),
                () -> "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500),
                () -> "null",
                () -> "\"text\"",
                () -> "1e999999999",
                () -> "[" + "9".repeat(2_000) + "]",
                () -> "{\"name\": \"x\", \"name\": \"y\"}",
                () -> "{\"term\": \"\\u0000\", \"text\": \"\\ud800\", \"function\": \"SALES\", \"by\": \"\u202e\"}",
                () -> "{\"sessionId\": \"" + pick(IDS) + "\", \"mapId\": \"" + MAP + "\", \"facilitator\": \"F\", "
                        + "\"participants\": [{\"name\": \"A\", \"function\": \"MARKETING\"}, "
                        + "{\"name\": \"B\", \"function\": 7}]}",
                () -> "{\"name\": 12, \"stages\": \"all\", \"handoffs\": {}}",
                () -> "{\"name\": \"x\", \"stages\": [{\"stageId\": \"\\u0000\", \"owner\": \"SALES\", "
                        + "\"enteredOn\": [\"LeadCaptured\"], \"slaHours\": 1e400}]}",
                () -> steps(),
                () -> steps(),
                () -> steps(),
                () -> "--zz\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n{\"mapId\": 1}\r\n--zz--\r\n",
                () -> "\u0000\u0001\u0002",
                () -> "\ufeff[]",
                () -> "[{\"stepId\": \"s\"}] trailing");
        return bodies.get(random.nextInt(bodies.size())).get().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A batch of well-formed steps of which one carries one hostile part: a bad type, time or id, an attribute name
     * no document store takes, a number beyond Decimal128 or below its reach, NULs and lone surrogates, a nested
     * value, a repeated key, an extra field.
     */
    private String steps() {
        String journey = "fuzz-" + random.nextInt(50);
        int n = 1 + random.nextInt(3);
        int hostile = random.nextInt(n);
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            String type = random.nextBoolean() ? "LeadCaptured" : "DealWon";
            String stepId = "\"" + journey + "-" + random.nextInt(1_000_000) + "\"";
            String occurredAt = "\"2042-03-0" + (1 + random.nextInt(9)) + "T10:00:00Z\"";
            String journeyId = "\"" + journey + "\"";
            String key = type.equals("DealWon") ? "amount" : "channel";
            String value = type.equals("DealWon") ? "\"1200.50\"" : "\"web\"";
            String extra = "";
            if (i == hostile) {
                switch (random.nextInt(12)) {
                    case 0 -> type = pick(new String[] {"Nope", "", "\\u0000", "DemoHeld", "leadcaptured"});
                    case 1 -> occurredAt = pick(new String[] {"\"2042-02-30\"", "\"yesterday\"", "\"\"",
                        "\"2042-03-01T10:00:00\"", "12", "null", "\"\\u0000\""});
                    case 2 -> stepId = pick(new String[] {"null", "\"\"", "[]", "\"" + "s".repeat(300) + "\"",
                        "1e999", "\"\\u0000\""});
                    case 3 -> journeyId = pick(new String[] {"null", "{}", "\"" + "j".repeat(300) + "\"", "true"});
                    case 4 -> key = pick(new String[] {"$where", "a.b", ".", "_id", "\\u0000", "a\\u0000b", "",
                        " ", "\\ud800", "k".repeat(300), "\\t"});
                    case 5 -> value = pick(new String[] {"1234567890.1234567890123456789012345",
                        "\"1234567890.1234567890123456789012345\"", "1e-400", "1e400", "-5", "\"NaN\"",
                        "\"Infinity\"", "9".repeat(40), "0.0000000000000000000000000000001", "\"1e99999999\""});
                    case 6 -> value = pick(new String[] {"\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
                        "\"\u202e\u200b\ufeff\"", "\"" + "v".repeat(100_000) + "\""});
                    case 7 -> value = pick(new String[] {"[1]", "{\"x\": 1}", "[[[[]]]]", "true", "null"});
                    case 8 -> extra = ", \"journeyId\": \"other\"";
                    case 9 -> extra = ", \"attributes\": {}";
                    case 10 -> extra = ", \"colour\": \"red\"";
                    default -> extra = ", \"segmentId\": \"s\"";
                }
            }
            out.append("{\"stepId\": ").append(stepId).append(", \"type\": \"").append(type)
               .append("\", \"occurredAt\": ").append(occurredAt).append(", \"journeyId\": ").append(journeyId)
               .append(", \"attributes\": {\"").append(key).append("\": ").append(value).append('}')
               .append(extra).append('}');
        }
        return out.append(']').toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    response.write(buffer, 0, n);
                    if (response.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                            && complete(response.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // The server closes the connection after refusing what it could not decode.
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a response with Content-Length has all of its body. */
    private static boolean complete(String response) {
        int headersEnd = response.indexOf("\r\n\r\n");
        for (String line : response.substring(0, headersEnd).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return response.length() - headersEnd - 4 >= length;
            }
        }
        return false;
    }
}

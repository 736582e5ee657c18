package io.revchain.analytics.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One application context for the money API tests (in-memory store, its own upload folder so that it is not shared
 * with other API tests' journeys), and helpers to post steps and read documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"revchain.mongodb.embedded.backend=memory",
                      "revchain.import.upload-dir=target/import-uploads-revenue-test"})
@AutoConfigureWebTestClient
abstract class RevenueApiSupport {

    static final ParameterizedTypeReference<Map<String, Object>> DOCUMENT = new ParameterizedTypeReference<>() { };

    static void putMap(WebTestClient http, String mapId, Map<String, Object> document) {
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(document)
            .exchange().expectStatus().isOk();
    }

    static void post(WebTestClient http, List<Map<String, Object>> steps) {
        http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(steps).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(steps.size());
    }

    static Map<String, Object> document(WebTestClient http, String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(DOCUMENT).returnResult()
                   .getResponseBody();
    }

    static String csv(WebTestClient http, String uri) {
        return http.get().uri(uri).accept(new MediaType("text", "csv")).exchange().expectStatus().isOk()
                   .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Reads until the document shows every posted step: the facts follow the event stream asynchronously. */
    static Map<String, Object> awaitDocument(WebTestClient http, String uri, Predicate<Map<String, Object>> settled) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> document = document(http, uri);
        while (!settled.test(document) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            document = document(http, uri);
        }
        assertThat(settled.test(document)).as("figures did not settle: %s", document).isTrue();
        return document;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> document, String part) {
        return (List<Map<String, Object>>) document.get(part);
    }

    static Map<String, Object> row(List<Map<String, Object>> rows, String key, Object value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst()
                   .orElseThrow(() -> new AssertionError("no row with " + key + "=" + value + " in " + rows));
    }
}

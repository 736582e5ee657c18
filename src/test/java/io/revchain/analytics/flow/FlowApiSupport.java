package io.revchain.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Posting steps and reading map figures over HTTP, for end-to-end tests of the read API; the import tests read their
 * figures with the same helpers.
 */
public final class FlowApiSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() { };

    private FlowApiSupport() {
    }

    static void putMap(WebTestClient http, String mapId, Map<String, Object> document) {
        http.put().uri("/api/maps/{id}", mapId).contentType(MediaType.APPLICATION_JSON).bodyValue(document)
            .exchange().expectStatus().isOk();
    }

    static void postSteps(WebTestClient http, List<Map<String, Object>> steps, int batchSize) {
        for (int from = 0; from < steps.size(); from += batchSize) {
            List<Map<String, Object>> batch = steps.subList(from, Math.min(steps.size(), from + batchSize));
            http.post().uri("/api/steps").contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(batch.size());
        }
    }

    public static List<Map<String, Object>> rows(WebTestClient http, String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(ROWS).returnResult()
                   .getResponseBody();
    }

    /** Reads until the figures show every posted step: the read side follows the event stream asynchronously. */
    public static List<Map<String, Object>> awaitRows(WebTestClient http, String uri,
                                               Predicate<List<Map<String, Object>>> settled) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> rows = rows(http, uri);
        while (!settled.test(rows) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rows = rows(http, uri);
        }
        assertThat(settled.test(rows)).as("figures did not settle: %s", rows).isTrue();
        return rows;
    }

    public static Map<String, Object> find(List<Map<String, Object>> rows, String key, String value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst()
                   .orElseThrow(() -> new AssertionError("no row with " + key + "=" + value + " in " + rows));
    }

    public static Map<String, Object> transition(List<Map<String, Object>> rows, String from, String to) {
        return rows.stream().filter(r -> from.equals(r.get("fromStage")) && to.equals(r.get("toStage"))).findFirst()
                   .orElseThrow(() -> new AssertionError("no transition " + from + "→" + to + " in " + rows));
    }

    public static long number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }
}

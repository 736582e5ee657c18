package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Uploading imports and waiting for them, for end-to-end import tests; figures are read with FlowApiSupport. */
final class ImportApiSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private ImportApiSupport() {
    }

    static WebTestClient.ResponseSpec upload(WebTestClient client, String mapping, Path file) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", mapping, MediaType.APPLICATION_JSON);
        parts.part("file", new FileSystemResource(file));
        return client.post().uri("/api/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                     .body(BodyInserters.fromMultipartData(parts.build())).exchange();
    }

    /** The job once it has ended, after the upload was accepted. */
    static Map<String, Object> awaitEnd(WebTestClient client, WebTestClient.ResponseSpec accepted)
            throws InterruptedException {
        String id = (String) accepted.expectStatus().isAccepted().expectBody(OBJECT).returnResult()
                                     .getResponseBody().get("id");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = get(client, "/api/imports/" + id);
            if (!job.get("status").equals("QUEUED") && !job.get("status").equals("RUNNING")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    /** Uploads and waits; fails unless the import completed. */
    static Map<String, Object> imported(WebTestClient client, String mapping, Path file) throws InterruptedException {
        Map<String, Object> job = awaitEnd(client, upload(client, mapping, file));
        assertThat(job.get("status")).as(String.valueOf(job.get("message"))).isEqualTo("COMPLETED");
        return job;
    }

    static Map<String, Object> get(WebTestClient client, String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody(OBJECT).returnResult()
                     .getResponseBody();
    }

    /** The sum of a numeric column. */
    static long sum(List<Map<String, Object>> rows, String column) {
        return rows.stream().mapToLong(r -> ((Number) r.get(column)).longValue()).sum();
    }
}

package io.revchain.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * The endpoints of every feature run their blocking work on the bounded pools of {@link Workloads}: with every place
 * of the read pool taken, every read answers 503 with Retry-After at once while commands still run, and the other
 * way round. (On Reactor's shared elastic pool they would all have answered.) Runs in the suite's shared context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class EndpointPoolsTest {

    private static final String MAP = "pools";
    private static final List<String> READS = List.of(
            "/api/maps", "/api/maps/" + MAP, "/api/maps/" + MAP + "/versions", "/api/maps/" + MAP + "/versions/1",
            "/api/maps/" + MAP + "/definitions", "/api/maps/" + MAP + "/targets", "/api/maps/" + MAP + "/stages",
            "/api/sessions", "/api/sessions/pools-session", "/api/admin/users", "/api/admin/keys",
            "/api/admin/rebuild");
    private static final List<String[]> WRITES = List.of(
            new String[] {"PUT", "/api/maps/" + MAP},
            new String[] {"POST", "/api/maps/" + MAP + "/definitions"},
            new String[] {"POST", "/api/maps/" + MAP + "/definitions/MQL/accept"},
            new String[] {"POST", "/api/maps/" + MAP + "/targets"},
            new String[] {"POST", "/api/maps/" + MAP + "/targets/2031-Q1/accept"},
            new String[] {"POST", "/api/sessions"},
            new String[] {"POST", "/api/sessions/pools-session/decisions"},
            new String[] {"POST", "/api/sessions/pools-session/action-items"},
            new String[] {"POST", "/api/sessions/pools-session/action-items/a1/complete"},
            new String[] {"POST", "/api/sessions/pools-session/close"},
            new String[] {"POST", "/api/admin/users"},
            new String[] {"PUT", "/api/admin/users/nobody/roles"},
            new String[] {"PUT", "/api/admin/users/nobody/password"},
            new String[] {"DELETE", "/api/admin/users/nobody"},
            new String[] {"POST", "/api/admin/keys"},
            new String[] {"DELETE", "/api/admin/keys/nokey"},
            new String[] {"POST", "/api/steps"});

    @Autowired
    WebTestClient http;
    @Autowired
    Workloads workloads;

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    @Test
    void withTheReadPoolFull_everyReadAnswers503WithRetryAfter_whileCommandsStillRun() throws Exception {
        fill(workloads::read);
        for (String uri : READS) {
            busy(http.get().uri(uri).exchange(), "GET " + uri, "reads");
        }
        http.put().uri("/api/maps/" + MAP).contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\": \"Pools\", \"stages\": [{\"stageId\": \"lead\", \"name\": \"Lead\", \"owner\": "
                               + "\"MARKETING\", \"enteredOn\": [\"LeadCaptured\"]}]}")
            .exchange()
            .expectStatus().isOk();
    }

    @Test
    void withTheWritePoolFull_everyCommandAndUploadAnswers503WithRetryAfter_whileReadsStillRun() throws Exception {
        fill(workloads::write);
        for (String[] write : WRITES) {
            busy(http.method(HttpMethod.valueOf(write[0])).uri(write[1]).contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(write[0].equals("DELETE") ? "" : write[1].endsWith("steps") ? "[]" : "{}")
                     .exchange(), write[0] + " " + write[1], "writes");
        }
        MultipartBodyBuilder upload = new MultipartBodyBuilder();
        upload.part("mapping", "{}", MediaType.APPLICATION_JSON);
        upload.part("file", new ByteArrayResource("a,b\r\n1,2\r\n".getBytes()) {
            @Override
            public String getFilename() {
                return "history.csv";
            }
        });
        busy(http.post().uri("/api/imports").body(BodyInserters.fromMultipartData(upload.build())).exchange(),
             "POST /api/imports", "writes");
        http.get().uri("/api/maps").exchange().expectStatus().isOk();
    }

    /** Takes every place of the pool (its threads and its queue) until the test ends. */
    private void fill(Function<Callable<String>, Mono<String>> pool) {
        AtomicBoolean full = new AtomicBoolean();
        int taken = 0;
        while (!full.get() && taken < 10_000) {
            // Admission happens on subscription: a full pool refuses at once.
            pool.apply(() -> {
                release.await(60, TimeUnit.SECONDS);
                return "held";
            }).subscribe(held -> { }, refused -> full.set(refused instanceof OverloadedException));
            taken++;
        }
        assertThat(full).as("the pool refuses once its %d places are taken", taken - 1).isTrue();
    }

    private static void busy(WebTestClient.ResponseSpec response, String what, String pool) {
        response.expectStatus().value(status -> assertThat(status).as(what).isEqualTo(503))
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).as(what)
                                                                                     .contains("for " + pool));
    }
}

package io.revchain.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each principal gets its own allowance; over it, 429 problem+json says when to come back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "revchain.security.requests-per-minute=5"})
@AutoConfigureWebTestClient
class RateLimitTest {

    @Autowired
    WebTestClient admin;
    @LocalServerPort
    int port;

    @Test
    void principalOverItsRate_gets429WithRetryAfter_othersGoOn() {
        String key = TestPrincipals.apiKey(admin, "busy-bi", "reader");
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        WebTestClient busy = TestPrincipals.withKey(anonymous, key);
        for (int i = 0; i < 5; i++) {
            busy.get().uri("/api/me").exchange().expectStatus().isOk();
        }
        busy.get().uri("/api/me").exchange()
            .expectStatus().isEqualTo(429)
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
            .expectBody().jsonPath("$.rule").isEqualTo("rate-limit");
        admin.get().uri("/api/me").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}

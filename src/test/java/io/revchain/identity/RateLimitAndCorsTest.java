package io.revchain.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Each principal gets its own allowance; over it, 429 problem+json says when to come back. Cross-origin calls are
 * allowed only from the configured origins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "revchain.security.requests-per-minute=5",
                              "revchain.security.cors-allowed-origins=https://bi.example"})
@AutoConfigureWebTestClient
class RateLimitAndCorsTest {

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

    @Test
    void crossOriginCallsAreAllowedOnlyFromConfiguredOrigins_andNeverWithCookies() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        anonymous.options().uri("/api/maps")
                 .header(HttpHeaders.ORIGIN, "https://bi.example")
                 .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                 .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                 .exchange()
                 .expectStatus().isOk()
                 .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://bi.example")
                 .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        anonymous.options().uri("/api/maps")
                 .header(HttpHeaders.ORIGIN, "https://evil.example")
                 .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                 .exchange()
                 .expectStatus().isForbidden()
                 .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}

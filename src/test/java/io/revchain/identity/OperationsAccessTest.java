package io.revchain.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Health status for anyone (load balancers), its details and metrics for admins; CORS closed by default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class OperationsAccessTest {

    @Autowired
    WebTestClient admin;
    @LocalServerPort
    int port;

    @Test
    void healthStatusIsPublic_detailsMetricsAndPrometheusNeedAdmin() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                 .jsonPath("$.status").isEqualTo("UP")
                 .jsonPath("$.components").doesNotExist();
        anonymous.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        admin.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
             .jsonPath("$.components.eventStore.details.headSequence").exists();
        WebTestClient reader = TestPrincipals.user(admin, "ops-reader", "Ops Reader", null, "reader");
        reader.get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").doesNotExist();
        reader.get().uri("/actuator/metrics").exchange().expectStatus().isForbidden();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        admin.get().uri("/actuator/metrics").exchange().expectStatus().isOk();
        admin.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void corsIsClosedByDefault() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                     .options().uri("/api/maps")
                     .header(HttpHeaders.ORIGIN, "https://bi.example")
                     .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                     .exchange()
                     .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}

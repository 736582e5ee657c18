package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.RevchainApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of the service on one store: this test's context runs the embedded MongoDB on a known port, and a
 * second application context connects to it as to any MongoDB. A key revoked on the first node is refused by the
 * second within seconds, without either node telling the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SecondNodeRevocationTest {

    private static final int MONGO_PORT = freePort();
    private static ConfigurableApplicationContext secondNode;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("revchain.mongodb.embedded.backend", () -> "memory");
        registry.add("revchain.mongodb.embedded.port", () -> MONGO_PORT);
    }

    @Autowired
    WebTestClient firstNode;

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void keyRevokedOnOneNode_isRefusedByTheOtherWithinFiveSeconds() throws InterruptedException {
        // Arguments, not default properties: application.yml sets the URI from REVCHAIN_MONGODB_URI.
        secondNode = new SpringApplicationBuilder(RevchainApplication.class)
                .run("--server.port=0", "--revchain.mongodb.uri=mongodb://127.0.0.1:" + MONGO_PORT,
                     "--spring.application.name=revchain-node-2");
        String port = secondNode.getEnvironment().getRequiredProperty("local.server.port");
        WebTestClient second = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

        String key = TestPrincipals.apiKey(firstNode, "powerbi-node-test", "reader");
        WebTestClient bi = TestPrincipals.withKey(second, key);
        bi.get().uri("/api/me").exchange().expectStatus().isOk();

        firstNode.delete().uri("/api/admin/keys/{id}", key.substring(3, 15)).exchange().expectStatus().isOk();
        long revoked = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos()) {
            status = bi.get().uri("/api/me").exchange().returnResult(String.class).getStatus().value();
            if (status == 200) {
                Thread.sleep(100);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - revoked);
        assertThat(status).as("the second node refuses the revoked key").isEqualTo(401);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        bi.get().uri("/api/me").exchange().expectStatus().isUnauthorized()
          .expectBody().jsonPath("$.rule").isEqualTo("api-key-revoked");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

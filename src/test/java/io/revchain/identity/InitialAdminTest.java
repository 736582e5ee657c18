package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** First start without REVCHAIN_ADMIN_PASSWORD: a random admin password in a file only its owner can read. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"revchain.mongodb.embedded.backend=memory", "revchain.security.admin-password=",
                              "revchain.security.initial-admin-password-file="
                              + InitialAdminTest.FILE})
class InitialAdminTest {

    static final String FILE = "target/initial-admin-test/initial-admin-password";

    @LocalServerPort
    int port;

    @Test
    void firstStartWritesARandomAdminPasswordReadableByItsOwnerOnly() throws IOException {
        Path file = Path.of(FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);

        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        client.get().uri("/api/me").headers(h -> h.setBasicAuth("admin", password)).exchange()
              .expectStatus().isOk().expectBody()
              .jsonPath("$.id").isEqualTo("user:admin")
              .jsonPath("$.roles[0]").isEqualTo("admin");
        client.get().uri("/api/me").headers(h -> h.setBasicAuth("admin", "test-admin-password-not-secret"))
              .exchange().expectStatus().isUnauthorized();
    }
}

package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code java -jar revchain.jar users|keys ...} against a running service, signed in as the admin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class AdminCommandTest {

    private static final Pattern KEY = Pattern.compile("rc_([a-z2-7]{12})_[A-Za-z0-9_-]{43}");

    @LocalServerPort
    int port;
    @Value("${revchain.security.admin-password}")
    String adminPassword;
    @Autowired
    WebTestClient admin;

    record Run(int exit, String out, String err) {
    }

    Run cli(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCommand.run(args, new BufferedReader(new StringReader(stdin)),
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Map<String, String> asAdmin() {
        return Map.of("REVCHAIN_URL", "http://localhost:" + port, "REVCHAIN_PASSWORD", adminPassword);
    }

    @Test
    void keysCreateListRevoke_throughTheRunningService() {
        Run created = cli("", asAdmin(), "keys", "create", "--name", "powerbi-cli", "--role", "reader");
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher key = KEY.matcher(created.out());
        assertThat(key.find()).as(created.out()).isTrue();
        assertThat(created.out()).contains("shown this once");
        TestPrincipals.withKey(WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build(), key.group())
                      .get().uri("/api/me").exchange().expectStatus().isOk();

        Run listed = cli("", asAdmin(), "keys", "list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(key.group(1), "powerbi-cli", "ACTIVE", "reader")
                                .doesNotContain(key.group());

        Run revoked = cli("", asAdmin(), "keys", "revoke", key.group(1));
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked API key " + key.group(1));
        assertThat(cli("", asAdmin(), "keys", "list").out()).contains("REVOKED");
    }

    @Test
    void usersCreate_readsTheNewPasswordFromStandardInput_andTheUserCanSignIn() {
        Run created = cli("a-long-enough-password\n", asAdmin(), "users", "create", "--username", "cy",
                          "--display-name", "Cy Nakamura", "--function", "SERVICE", "--role", "facilitator",
                          "--role", "reader");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created user cy (Cy Nakamura), function SERVICE, roles reader,facilitator");
        assertThat(cli("", asAdmin(), "users", "list").out()).contains("cy", "Cy Nakamura", "SERVICE", "enabled");
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                     .get().uri("/api/me").headers(h -> h.setBasicAuth("cy", "a-long-enough-password")).exchange()
                     .expectStatus().isOk().expectBody().jsonPath("$.function").isEqualTo("SERVICE");
    }

    @Test
    void refusedOrMalformedCommands_exitNonZeroWithTheReason() {
        Run wrong = cli("", Map.of("REVCHAIN_URL", "http://localhost:" + port, "REVCHAIN_PASSWORD", "wrong-one-12"),
                        "keys", "list");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("HTTP 401", "credentials-valid");

        Run badRole = cli("", asAdmin(), "keys", "create", "--name", "x", "--role", "superuser");
        assertThat(badRole.exit()).isEqualTo(1);
        assertThat(badRole.err()).contains("HTTP 400", "roles[0]: role-valid");

        assertThat(cli("", asAdmin(), "keys", "create", "--role", "reader").exit()).isEqualTo(2);
        assertThat(cli("", asAdmin(), "keys", "rotate").exit()).isEqualTo(2);
        Run unreachable = cli("", Map.of("REVCHAIN_URL", "http://localhost:1", "REVCHAIN_PASSWORD", "x"),
                              "keys", "list");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).contains("Cannot reach revchain");
    }
}

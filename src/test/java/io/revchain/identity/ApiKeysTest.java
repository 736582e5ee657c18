package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.revchain.StoredEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Machines' keys: shown once, stored as a hash, revoked at once, read-only in a URL, never in logs or events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ApiKeysTest {

    @Autowired
    WebTestClient admin;
    @Autowired
    MongoDatabase database;
    @Autowired
    LoggingSystem logging;
    @LocalServerPort
    int port;

    WebTestClient anonymous;

    @BeforeEach
    void client() {
        anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    static String keyId(String key) {
        return key.substring(3, 15);
    }

    @Test
    void keyIsShownOnceAtCreation_listedWithoutItsSecret_andWorksAsBearer() {
        Map<?, ?> created = admin.post().uri("/api/admin/keys").contentType(MediaType.APPLICATION_JSON)
                                 .bodyValue(Map.of("name", "powerbi", "roles", List.of("reader"),
                                                   "expiresAt", "2999-12-31"))
                                 .exchange()
                                 .expectStatus().isCreated()
                                 .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                                 .expectBody(Map.class).returnResult().getResponseBody();
        String key = (String) created.get("key");
        assertThat(key).matches("rc_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(created.get("id")).isEqualTo(keyId(key));
        String secret = key.substring(16);

        String list = admin.get().uri("/api/admin/keys").exchange().expectStatus().isOk()
                           .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains(keyId(key), "\"status\":\"ACTIVE\"", "2999-12-31T00:00:00Z")
                        .doesNotContain(secret).doesNotContain("\"key\"");

        TestPrincipals.withKey(anonymous, key).get().uri("/api/me").exchange()
                      .expectStatus().isOk().expectBody()
                      .jsonPath("$.id").isEqualTo("key:" + keyId(key))
                      .jsonPath("$.kind").isEqualTo("key")
                      .jsonPath("$.username").isEqualTo("powerbi")
                      .jsonPath("$.roles[0]").isEqualTo("reader");
        admin.get().uri("/api/admin/keys").exchange().expectBody()
             .jsonPath("$[?(@.id == '" + keyId(key) + "')].lastUsedAt").isNotEmpty();

        Document stored = database.getCollection(Credentials.COLLECTION)
                                  .find(Filters.eq("_id", "key:" + keyId(key))).first();
        assertThat(stored.getString("hash")).hasSize(64).isEqualTo(ApiKeys.hash(secret)).doesNotContain(secret);
    }

    @Test
    void revokedKeyIsRefused_andRevokingAgainChangesNothing() {
        String key = TestPrincipals.apiKey(admin, "crm-webhook", "recorder");
        WebTestClient webhook = TestPrincipals.withKey(anonymous, key);
        webhook.get().uri("/api/me").exchange().expectStatus().isOk();
        admin.delete().uri("/api/admin/keys/{id}", keyId(key)).exchange().expectStatus().isOk().expectBody()
             .jsonPath("$.status").isEqualTo("REVOKED")
             .jsonPath("$.revokedBy.id").isEqualTo("user:admin");
        webhook.get().uri("/api/me").exchange()
               .expectStatus().isUnauthorized()
               .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
               .expectBody().jsonPath("$.rule").isEqualTo("api-key-revoked");
        admin.delete().uri("/api/admin/keys/{id}", keyId(key)).exchange().expectStatus().isOk();
        assertThat(database.getCollection("events").countDocuments(
                Filters.and(StoredEvents.ofAggregate("key:" + keyId(key)),
                            Filters.eq("payloadType", ApiKeyRevoked.class.getSimpleName())))).isEqualTo(1);
        admin.delete().uri("/api/admin/keys/{id}", "nosuchkey123").exchange().expectStatus().isNotFound();
    }

    @Test
    void keyInTheQuery_readsOnly_andOnlyWhenItHoldsNothingButReader() {
        String reader = TestPrincipals.apiKey(admin, "excel", "reader");
        String broader = TestPrincipals.apiKey(admin, "too-broad", "reader", "recorder");
        anonymous.get().uri("/api/maps?api_key={key}", reader).exchange().expectStatus().isOk();
        anonymous.get().uri("/api/maps?api_key={key}", broader).exchange()
                 .expectStatus().isUnauthorized()
                 .expectBody().jsonPath("$.rule").isEqualTo("api-key-query-read-only");
        anonymous.post().uri("/api/steps?api_key={key}", reader).contentType(MediaType.APPLICATION_JSON)
                 .bodyValue("[]").exchange()
                 .expectStatus().isUnauthorized()
                 .expectBody().jsonPath("$.rule").isEqualTo("api-key-query-read-only");
        anonymous.get().uri("/api/admin/keys?api_key={key}", reader).exchange()
                 .expectStatus().isForbidden()
                 .expectBody().jsonPath("$.rule").isEqualTo("role-required")
                 .jsonPath("$.detail").value(d -> assertThat(d.toString())
                         .contains("needs the role admin", "holds reader"));
    }

    /**
     * Calls through the JDK's HTTP client: the test's own WebTestClient would log the bodies it sends at debug
     * level, and only the service's logs are under test here.
     */
    @Test
    void keysAndPasswordsNeverAppearInLogsAnswersOrEvents(CapturedOutput output) throws Exception {
        List<String> verbose = List.of("org.springframework.web", "org.springframework.http",
                                       "org.springframework.security", "org.springframework.core.codec",
                                       "io.revchain", "reactor.netty.http.server");
        String adminAuth = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>();
        int logStart = output.getAll().length();
        verbose.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
        try {
            String password = "a-fresh-password-" + System.nanoTime();
            secrets.add(password);
            HttpResponse<String> user = send("POST", "/api/admin/users", adminAuth, "{\"username\": \"logged"
                    + System.nanoTime() % 100_000 + "\", \"password\": \"" + password + "\", \"displayName\": "
                    + "\"Log Ged\", \"roles\": [\"reader\"]}");
            assertThat(user.statusCode()).isEqualTo(201);
            assertThat(user.body()).doesNotContain(password);

            HttpResponse<String> created = send("POST", "/api/admin/keys", adminAuth,
                                                "{\"name\": \"logged-bi\", \"roles\": [\"reader\"]}");
            assertThat(created.statusCode()).isEqualTo(201);
            String key = created.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
            assertThat(key).startsWith("rc_");
            secrets.add(key);
            secrets.add(key.substring(16));
            secrets.add(ApiKeys.hash(key.substring(16)));

            HttpResponse<String> problem = send("GET", "/api/maps/no-such-map/stages?quarter=2025-Q3&api_key=" + key,
                                                null, null);
            assertThat(problem.statusCode()).isEqualTo(404);
            assertThat(problem.body()).contains("\"instance\":\"/api/maps/no-such-map/stages\"");
            assertThat(send("GET", "/api/maps/no-such-map/stages?bogus=1&api_key=" + key, null, null).body())
                    .doesNotContain("api_key");
            String wrong = key.substring(0, 16) + "A".repeat(43);
            secrets.add(wrong.substring(16));
            assertThat(send("GET", "/api/maps?api_key=" + wrong, null, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/maps", "Bearer " + wrong, null).statusCode()).isEqualTo(401);
            String wrongPassword = "not-the-password-" + System.nanoTime();
            secrets.add(wrongPassword);
            assertThat(send("GET", "/api/maps", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("admin:" + wrongPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)), null)
                               .statusCode()).isEqualTo(401);
        } finally {
            verbose.forEach(name -> logging.setLogLevel(name, null));
        }
        String log = output.getAll().substring(logStart);
        assertThat(log).as("the requests were logged at debug level")
                       .contains("\"/api/maps/no-such-map/stages?quarter=2025-Q3\"", "Decoded [CreateUserRequest");
        for (String secret : secrets) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
        List<String> stored = new ArrayList<>();
        for (String collection : List.of("events", Directory.COLLECTION, MongoSessions.COLLECTION)) {
            database.getCollection(collection).find().forEach(d -> stored.add(d.toJson()));
        }
        for (String secret : secrets) {
            assertThat(stored).as("events, the directory and sessions").noneMatch(json -> json.contains(secret));
        }
    }

    @org.springframework.beans.factory.annotation.Value("${revchain.security.admin-password}")
    String adminPassword;

    private HttpResponse<String> send(String method, String path, String authorization, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

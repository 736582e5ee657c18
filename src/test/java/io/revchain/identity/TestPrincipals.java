package io.revchain.identity;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Users and keys for tests, created through the admin API by the suite-wide admin client. */
public final class TestPrincipals {

    public static final String PASSWORD = "test-user-password-1";

    private TestPrincipals() {
    }

    /** A client calling as this user (HTTP Basic); the user is created on first use, with these details. */
    public static WebTestClient user(WebTestClient admin, String username, String displayName, String function,
                                     String... roles) {
        admin.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
             .bodyValue(Map.of("username", username, "password", PASSWORD, "displayName", displayName,
                               "function", function == null ? "" : function, "roles", List.of(roles)))
             .exchange()
             .expectStatus().value(status -> {
                 if (status != HttpStatus.CREATED.value() && status != HttpStatus.CONFLICT.value()) {
                     throw new AssertionError("creating user " + username + " answered " + status);
                 }
             });
        return admin.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, PASSWORD)).build();
    }

    /** A new API key with these roles; the key itself, as shown once at creation. */
    public static String apiKey(WebTestClient admin, String name, String... roles) {
        Map<?, ?> created = admin.post().uri("/api/admin/keys").contentType(MediaType.APPLICATION_JSON)
                                 .bodyValue(Map.of("name", name, "roles", List.of(roles)))
                                 .exchange()
                                 .expectStatus().isCreated()
                                 .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("key");
    }

    /** A client calling with this API key as a Bearer token. */
    public static WebTestClient withKey(WebTestClient client, String key) {
        return client.mutate().defaultHeaders(headers -> headers.setBearerAuth(key)).build();
    }
}

package io.revchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** The browser's way in: the sign-in form, the session cookie, CSRF on every write, sign-out, lockout. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class BrowserSessionTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    WebTestClient admin;
    @Autowired
    MongoDatabase database;
    @LocalServerPort
    int port;

    WebTestClient browser;

    /** What a browser holds after signing in. */
    record Signed(String session, String xsrf) {
    }

    @BeforeEach
    void browser() {
        browser = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        TestPrincipals.user(admin, "fay", "Fay Lund", "MARKETING", "facilitator");
    }

    Signed signIn(String username, String password) {
        EntityExchangeResult<String> page = browser.get().uri("/login").accept(MediaType.TEXT_HTML).exchange()
                                                   .expectStatus().isOk()
                                                   .expectBody(String.class).returnResult();
        ResponseCookie xsrf = page.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(xsrf).as("the sign-in page issues the CSRF cookie").isNotNull();
        Matcher field = CSRF_FIELD.matcher(page.getResponseBody());
        assertThat(field.find()).as("the form carries the CSRF token").isTrue();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", username);
        form.add("password", password);
        form.add("_csrf", field.group(1));
        EntityExchangeResult<byte[]> answer = browser.post().uri("/login").cookie("XSRF-TOKEN", xsrf.getValue())
                                                     .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                                     .body(BodyInserters.fromFormData(form)).exchange()
                                                     .expectStatus().isFound()
                                                     .expectBody().returnResult();
        ResponseCookie session = answer.getResponseCookies().getFirst("SESSION");
        String location = answer.getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        return new Signed(location.equals("/") && session != null ? session.getValue() : location, xsrf.getValue());
    }

    @Test
    void signInPageIsAFormWithTheProductNameAndTheCsrfToken() {
        String page = browser.get().uri("/login?error").accept(MediaType.TEXT_HTML).exchange()
                             .expectStatus().isOk()
                             .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                             .expectHeader().valueMatches("Content-Security-Policy", ".*frame-ancestors 'none'.*")
                             .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<h1>revchain</h1>", "name=\"username\"", "name=\"password\"",
                                  "type=\"password\"", "autofocus", "role=\"alert\"", "do not match");
    }

    @Test
    void signingInGivesAnHttpOnlySameSiteSessionKeptInMongo_andTheSessionAuthenticatesReads() {
        EntityExchangeResult<String> page = browser.get().uri("/login").exchange().expectBody(String.class)
                                                   .returnResult();
        Matcher field = CSRF_FIELD.matcher(page.getResponseBody());
        assertThat(field.find()).isTrue();
        String xsrf = page.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "fay");
        form.add("password", TestPrincipals.PASSWORD);
        form.add("_csrf", field.group(1));
        EntityExchangeResult<byte[]> answer = browser.post().uri("/login").cookie("XSRF-TOKEN", xsrf)
                                                     .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                                     .body(BodyInserters.fromFormData(form)).exchange()
                                                     .expectStatus().isFound()
                                                     .expectHeader().location("/")
                                                     .expectBody().returnResult();
        ResponseCookie session = answer.getResponseCookies().getFirst("SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecure()).as("plain HTTP here; Secure on HTTPS").isFalse();

        browser.get().uri("/api/me").cookie("SESSION", session.getValue()).exchange()
               .expectStatus().isOk().expectBody()
               .jsonPath("$.id").isEqualTo("user:fay")
               .jsonPath("$.kind").isEqualTo("user")
               .jsonPath("$.displayName").isEqualTo("Fay Lund")
               .jsonPath("$.function").isEqualTo("MARKETING")
               .jsonPath("$.roles[0]").isEqualTo("facilitator");

        Document stored = database.getCollection(MongoSessions.COLLECTION)
                                  .find(Filters.eq("_id", session.getValue())).first();
        assertThat(stored).as("the session is in MongoDB, so any node serves it").isNotNull();
        assertThat(stored.toJson()).contains("user:fay").doesNotContain(TestPrincipals.PASSWORD);
    }

    @Test
    void browserWriteWithoutTheCsrfToken_isRefused_withTheHeaderItPasses() {
        Signed fay = signIn("fay", TestPrincipals.PASSWORD);
        String definition = "{\"term\": \"SAL\", \"text\": \"accepted within a day\"}";
        browser.put().uri("/api/maps/csrf-map").cookie("SESSION", fay.session())
               .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
               .expectStatus().isForbidden()
               .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
               .expectBody().jsonPath("$.rule").isEqualTo("csrf-token-required");
        browser.post().uri("/api/maps/csrf-map/definitions").cookie("SESSION", fay.session())
               .cookie("XSRF-TOKEN", fay.xsrf()).header("X-XSRF-TOKEN", "forged")
               .contentType(MediaType.APPLICATION_JSON).bodyValue(definition).exchange()
               .expectStatus().isForbidden()
               .expectBody().jsonPath("$.rule").isEqualTo("csrf-token-required");
        browser.post().uri("/api/maps/csrf-map/definitions").cookie("SESSION", fay.session())
               .cookie("XSRF-TOKEN", fay.xsrf()).header("X-XSRF-TOKEN", fay.xsrf())
               .contentType(MediaType.APPLICATION_JSON).bodyValue(definition).exchange()
               .expectStatus().isNotFound()
               .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).startsWith("map-known:"));
    }

    @Test
    void importPostedAsAPlainCrossSiteForm_isRefused_withOrWithoutTheSessionCookie() {
        Signed fay = signIn("fay", TestPrincipals.PASSWORD);
        int jobsBefore = admin.get().uri("/api/imports").exchange().expectBody(List.class).returnResult()
                              .getResponseBody().size();
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("mapping", "{\"mapId\": \"x\", \"format\": \"csv\", \"journeyId\": \"id\", "
                              + "\"rules\": [{\"type\": \"LeadCaptured\", \"at\": \"at\"}]}");
        parts.part("file", new ByteArrayResource("id,at\nX1,2025-01-01\n".getBytes()) {
            @Override
            public String getFilename() {
                return "evil.csv";
            }
        });
        // SameSite=Lax keeps the cookie off a cross-site POST in browsers; even if one sends it, the token is missing.
        browser.post().uri("/api/imports").cookie("SESSION", fay.session())
               .header(HttpHeaders.ORIGIN, "https://evil.example").header(HttpHeaders.REFERER, "https://evil.example/")
               .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build()))
               .exchange()
               .expectStatus().isForbidden()
               .expectBody().jsonPath("$.rule").isEqualTo("csrf-token-required");
        browser.post().uri("/api/imports").header(HttpHeaders.ORIGIN, "https://evil.example")
               .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build()))
               .exchange()
               .expectStatus().isUnauthorized()
               .expectBody().jsonPath("$.rule").isEqualTo("authentication-required");
        assertThat(admin.get().uri("/api/imports").exchange().expectBody(List.class).returnResult()
                        .getResponseBody()).as("no import was started").hasSize(jobsBefore);
    }

    @Test
    void signingOutEndsTheSession() {
        Signed fay = signIn("fay", TestPrincipals.PASSWORD);
        browser.post().uri("/logout").cookie("SESSION", fay.session()).cookie("XSRF-TOKEN", fay.xsrf())
               .header("X-XSRF-TOKEN", fay.xsrf()).exchange()
               .expectStatus().isFound()
               .expectHeader().location("/login?logout");
        browser.get().uri("/api/me").cookie("SESSION", fay.session()).exchange().expectStatus().isUnauthorized();
        assertThat(database.getCollection(MongoSessions.COLLECTION).find(Filters.eq("_id", fay.session())).first())
                .isNull();
    }

    @Test
    void pageNavigationWithoutASessionGoesToSignIn_apiCallsGet401WithoutABasicChallenge() {
        browser.get().uri("/").accept(MediaType.TEXT_HTML, MediaType.ALL).exchange()
               .expectStatus().isFound()
               .expectHeader().location("/login");
        browser.get().uri("/api/me").exchange()
               .expectStatus().isUnauthorized()
               .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
               .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"revchain\"")
               .expectBody().jsonPath("$.rule").isEqualTo("authentication-required");
        browser.get().uri("/api/maps").header(HttpHeaders.AUTHORIZATION, "Basic "
                        + java.util.Base64.getEncoder().encodeToString("fay:wrong-password-1".getBytes())).exchange()
               .expectStatus().isUnauthorized()
               .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"revchain\"")
               .expectBody().jsonPath("$.rule").isEqualTo("credentials-valid");
    }

    @Test
    void repeatedFailedSignInsLockTheUsername_evenForTheRightPassword() {
        TestPrincipals.user(admin, "locky", "Locky", "SALES", "reader");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("locky", "not-the-password-" + i).session()).isEqualTo("/login?error");
        }
        assertThat(signIn("locky", TestPrincipals.PASSWORD).session()).isEqualTo("/login?error=locked");
        browser.get().uri("/api/me").headers(h -> h.setBasicAuth("locky", TestPrincipals.PASSWORD)).exchange()
               .expectStatus().isUnauthorized()
               .expectBody().jsonPath("$.rule").isEqualTo("sign-in-locked");
        assertThat(signIn("fay", TestPrincipals.PASSWORD).session()).as("other usernames are not locked")
                                                                  .doesNotStartWith("/login");
    }

    @Test
    void disabledUserLosesItsOpenSessionAtTheNextRequest() {
        TestPrincipals.user(admin, "leaver", "Lea Ver", "SERVICE", "reader");
        Signed leaver = signIn("leaver", TestPrincipals.PASSWORD);
        browser.get().uri("/api/me").cookie("SESSION", leaver.session()).exchange().expectStatus().isOk();
        admin.delete().uri("/api/admin/users/leaver").exchange().expectStatus().isOk().expectBody()
             .jsonPath("$.disabled").isEqualTo(true)
             .jsonPath("$.disabledBy.id").isEqualTo("user:admin");
        browser.get().uri("/api/me").cookie("SESSION", leaver.session()).exchange().expectStatus().isUnauthorized();
        browser.get().uri("/api/me").headers(h -> h.setBasicAuth("leaver", TestPrincipals.PASSWORD)).exchange()
               .expectStatus().isUnauthorized();
    }

}

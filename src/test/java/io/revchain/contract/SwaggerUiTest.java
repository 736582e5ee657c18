package io.revchain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.revchain.identity.TestPrincipals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Swagger UI at /swagger-ui.html, as a browser uses it: a reader who is not signed in is sent to the sign-in page
 * and back, then the page, its assets, its configuration and the document all answer; "Try it out" writes from the
 * session carry the CSRF token the page's script copies from the cookie. Other roles are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "revchain.mongodb.embedded.backend=memory")
@AutoConfigureWebTestClient
class SwaggerUiTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(?:\\./)?([^\"]+)\"");

    @Autowired
    WebTestClient admin;
    @LocalServerPort
    int port;

    WebTestClient browser;

    /** The cookies a browser holds. */
    record Cookies(String session, String xsrf) {
    }

    @BeforeEach
    void browser() {
        browser = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                               .responseTimeout(Duration.ofSeconds(60)).build();
        TestPrincipals.user(admin, "ui-reader", "Uma Reyes", "SALES", "reader");
        TestPrincipals.user(admin, "ui-facilitator", "Finn Ode", "MARKETING", "facilitator");
        TestPrincipals.user(admin, "ui-recorder", "Rico Stein", null, "recorder");
    }

    @Test
    void aReaderSignsInAndGetsSwaggerUi_itsAssets_itsConfigurationAndTheDocument() {
        EntityExchangeResult<byte[]> first = browser.get().uri("/swagger-ui.html").accept(MediaType.TEXT_HTML)
                                                    .exchange()
                                                    .expectStatus().isFound()
                                                    .expectHeader().location("/login")
                                                    .expectBody().returnResult();
        ResponseCookie saved = first.getResponseCookies().getFirst("SESSION");
        Cookies cookies = signIn("ui-reader", saved == null ? null : saved.getValue(), "/swagger-ui.html");

        String index = browser.get().uri("/swagger-ui.html").cookie("SESSION", cookies.session())
                              .accept(MediaType.TEXT_HTML).exchange()
                              .expectStatus().isFound()
                              .returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(index).isEqualTo("/swagger-ui/index.html");
        String page = browser.get().uri(index).cookie("SESSION", cookies.session()).accept(MediaType.TEXT_HTML)
                             .exchange()
                             .expectStatus().isOk()
                             .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                             .expectBody(String.class).returnResult().getResponseBody();
        List<String> assets = new ArrayList<>();
        Matcher asset = ASSET.matcher(page);
        while (asset.find()) {
            assets.add("/swagger-ui/" + asset.group(1));
        }
        assertThat(assets).contains("/swagger-ui/swagger-ui.css", "/swagger-ui/swagger-ui-bundle.js",
                                    "/swagger-ui/swagger-initializer.js");
        for (String uri : assets) {
            int status = browser.get().uri(uri).cookie("SESSION", cookies.session()).exchange()
                                .returnResult(byte[].class).getStatus().value();
            assertThat(status).as(uri).isEqualTo(200);
        }

        String initializer = browser.get().uri("/swagger-ui/swagger-initializer.js")
                                    .cookie("SESSION", cookies.session()).exchange()
                                    .expectStatus().isOk()
                                    .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).as("Swagger UI sends the CSRF cookie's value as the header revchain checks")
                               .contains("XSRF-TOKEN", "X-XSRF-TOKEN")
                               .contains("/v3/api-docs/swagger-config");
        Map<?, ?> config = browser.get().uri("/v3/api-docs/swagger-config").cookie("SESSION", cookies.session())
                                  .exchange()
                                  .expectStatus().isOk()
                                  .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(config.get("url")).isEqualTo("/v3/api-docs");
        browser.get().uri("/v3/api-docs").cookie("SESSION", cookies.session()).exchange()
               .expectStatus().isOk()
               .expectBody().jsonPath("$.info.title").isEqualTo("revchain API");
    }

    @Test
    void tryingAWriteOutFromTheSession_passesWithTheCsrfHeaderAndIsRefusedWithoutIt() {
        Cookies cookies = signIn("ui-facilitator", null, "/");
        Map<String, Object> map = Map.of("name", "Swagger UI", "stages", List.of(
                Map.of("stageId", "lead", "name", "Lead", "owner", "MARKETING", "enteredOn", List.of("LeadCaptured")),
                Map.of("stageId", "won", "name", "Won", "owner", "SALES", "enteredOn", List.of("DealWon"))));
        browser.put().uri("/api/maps/swagger-ui").cookie("SESSION", cookies.session())
               .cookie("XSRF-TOKEN", cookies.xsrf())
               .contentType(MediaType.APPLICATION_JSON).bodyValue(map).exchange()
               .expectStatus().isForbidden()
               .expectBody().jsonPath("$.rule").isEqualTo("csrf-token-required");
        browser.put().uri("/api/maps/swagger-ui").cookie("SESSION", cookies.session())
               .cookie("XSRF-TOKEN", cookies.xsrf()).header("X-XSRF-TOKEN", cookies.xsrf())
               .contentType(MediaType.APPLICATION_JSON).bodyValue(map).exchange()
               .expectStatus().isOk()
               .expectBody().jsonPath("$.recordedBy.id").isEqualTo("user:ui-facilitator");
    }

    @Test
    void swaggerUiIsAReadersTool_refusedToTheAnonymousAndToOtherRoles() {
        for (String uri : List.of("/swagger-ui.html", "/swagger-ui/index.html", "/webjars/swagger-ui/index.html",
                                  "/v3/api-docs/swagger-config")) {
            browser.get().uri(uri).exchange()
                   .expectStatus().isUnauthorized()
                   .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            browser.get().uri(uri).headers(h -> h.setBasicAuth("ui-recorder", TestPrincipals.PASSWORD)).exchange()
                   .expectStatus().isForbidden()
                   .expectBody().jsonPath("$.rule").isEqualTo("role-required");
        }
        browser.get().uri("/webjars/swagger-ui/index.html")
               .headers(h -> h.setBasicAuth("ui-reader", TestPrincipals.PASSWORD)).exchange()
               .expectStatus().isOk();
    }

    /** Signs in through the form, as a browser does; asserts where the sign-in sends it. */
    private Cookies signIn(String username, String session, String expectedLocation) {
        WebTestClient.RequestHeadersSpec<?> login = browser.get().uri("/login").accept(MediaType.TEXT_HTML);
        if (session != null) {
            login = login.cookie("SESSION", session);
        }
        EntityExchangeResult<String> page = login.exchange().expectStatus().isOk()
                                                 .expectBody(String.class).returnResult();
        String xsrf = page.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        Matcher field = CSRF_FIELD.matcher(page.getResponseBody());
        assertThat(field.find()).isTrue();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", username);
        form.add("password", TestPrincipals.PASSWORD);
        form.add("_csrf", field.group(1));
        WebTestClient.RequestBodySpec post = browser.post().uri("/login").cookie("XSRF-TOKEN", xsrf);
        if (session != null) {
            post = post.cookie("SESSION", session);
        }
        EntityExchangeResult<byte[]> answer = post.contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                                  .body(BodyInserters.fromFormData(form)).exchange()
                                                  .expectStatus().isFound()
                                                  .expectHeader().location(expectedLocation)
                                                  .expectBody().returnResult();
        return new Cookies(answer.getResponseCookies().getFirst("SESSION").getValue(), xsrf);
    }
}

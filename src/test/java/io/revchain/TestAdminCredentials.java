package io.revchain;

import java.time.Duration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every test's WebTestClient calls as the admin (HTTP Basic, password from src/test/resources/application.properties),
 * so tests of features do not each sign in. Tests of security behaviour build clients of their own. It also waits up
 * to a minute for an answer instead of WebTestClient's 5 s: large batches on a loaded 2-core machine take longer,
 * and a timeout there would say nothing about the code.
 */
@Component
class TestAdminCredentials implements WebTestClientBuilderCustomizer {

    static final String USERNAME = "admin";

    private final String password;

    TestAdminCredentials(Environment environment) {
        this.password = environment.getRequiredProperty("revchain.security.admin-password");
    }

    @Override
    public void customize(WebTestClient.Builder builder) {
        builder.defaultHeaders(headers -> headers.setBasicAuth(USERNAME, password))
               .responseTimeout(Duration.ofSeconds(60));
    }

    static String basic(String password) {
        return "Basic " + HttpHeaders.encodeBasicAuth(USERNAME, password, null);
    }
}

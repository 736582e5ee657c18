package io.revchain.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** A new user on an empty store is told what to do first, and the first step leads to a starter map to edit. */
@Tag("browser")
@ExtendWith(NeedsChromium.class)
// A store of its own that no other test class uses: closed afterwards to give its memory back.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"revchain.mongodb.embedded.backend=memory", "revchain.test.store=empty"})
class EmptyStatePageBrowserTest {

    @LocalServerPort
    int port;

    @Value("${revchain.security.admin-password}")
    String adminPassword;

    @Test
    void aNewUserIsToldToDefineAMapAndImportHistory() throws IOException {
        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.signIn(new Browser.Person("admin", adminPassword, "Administrator", null));
            WebElement empty = browser.waitFor(By.cssSelector("#empty-state"));
            assertThat(empty.getText()).contains("Define the map").contains("Import history")
                                       .contains("java -jar revchain.jar import");
            browser.screenshot("empty-state");

            browser.one("#empty-state a.button").click();
            browser.waitFor(By.cssSelector("#stage-editor"));
            assertThat(browser.all("#stage-editor tbody tr")).hasSize(7);
            assertThat(browser.one(".toolbar h1").getText()).isEqualTo("New map default");
            assertThat(browser.one("#history").getText()).isEqualTo("Not saved yet.");
        }
    }
}

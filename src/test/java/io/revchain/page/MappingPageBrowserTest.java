package io.revchain.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The mapping-session page in real headless Chromium against the running service, on the hand-built scenario of
 * {@link PageScenario} in a store of its own (the context's properties differ from the API tests', so it gets its
 * own in-memory MongoDB and no other test's journeys).
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"revchain.mongodb.embedded.backend=memory", "revchain.test.store=browser"})
@AutoConfigureWebTestClient
class MappingPageBrowserTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void loadScenarioAndOpenBrowser() throws IOException {
        browser = Browser.open("http://localhost:" + port);
        PageScenario.load(http);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void mapDrawsEveryStageAndTransitionWithTheApisFigures() throws IOException {
        browser.go("/?map=demo&quarter=2025-Q3");
        awaitDrawn("2025-Q3");
        Map<String, Object> flow = flow("quarter=2025-Q3");

        List<Map<String, Object>> stages = list(flow, "stages");
        assertThat(browser.all("svg.map g.stage")).hasSize(stages.size());
        for (Map<String, Object> row : stages) {
            WebElement stage = browser.one("svg.map g.stage[data-stage='" + row.get("stageId") + "']");
            assertThat(stage.getAttribute("data-entered")).isEqualTo(String.valueOf(row.get("entered")));
            assertThat(stage.getAttribute("data-wip")).isEqualTo(String.valueOf(row.get("wipAtEnd")));
            assertThat(stage.getAttribute("data-rank")).isEqualTo(String.valueOf(row.get("bottleneckRank")));
            assertThat(stage.findElement(By.cssSelector("[data-figure=entered]")).getText())
                    .isEqualTo("entered " + row.get("entered"));
            assertThat(stage.getAttribute("data-owner")).isEqualTo(row.get("owner"));
        }
        // Hand-computed (PageScenario): Q3 entered lead 5, mql 4, sal 3; J2's 120 h in mql broke its 48 h SLA.
        assertThat(entered("lead")).isEqualTo("5");
        assertThat(entered("mql")).isEqualTo("4");
        assertThat(entered("sal")).isEqualTo("3");
        List<Map<String, Object>> transitions = list(flow, "transitions");
        assertThat(browser.all("svg.map g.edge:not(.declared):not(.loop)")).hasSize(transitions.size());
        for (Map<String, Object> t : transitions) {
            WebElement edge = browser.one("svg.map g.edge[data-from='" + t.get("fromStage") + "'][data-to='"
                                                  + t.get("toStage") + "']");
            assertThat(edge.getAttribute("data-count")).isEqualTo(String.valueOf(t.get("count")));
        }
        WebElement handoff = browser.one("svg.map g.edge-label[data-from='mql'][data-to='sal']");
        assertThat(handoff.getText()).contains("HANDOFF · SALES").contains("score ≥ 60");
        assertThat(browser.one("svg.map g.edge.loop").getAttribute("data-recorded")).isEqualTo("1");
        browser.screenshot("map-2025-Q3");
    }

    private String entered(String stageId) {
        return browser.one("svg.map g.stage[data-stage='" + stageId + "']").getAttribute("data-entered");
    }

    private void awaitDrawn(String period) {
        browser.waitFor(d -> {
            String drawn = (String) browser.script("return document.body.dataset.drawn || ''");
            return drawn.contains(period) ? drawn : null;
        });
    }

    private Map<String, Object> flow(String query) {
        return http.get().uri("/api/maps/demo/flow?" + query).exchange().expectStatus().isOk().expectBody(JSON)
                   .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> document, String key) {
        return (List<Map<String, Object>>) document.get(key);
    }
}

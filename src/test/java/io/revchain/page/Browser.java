package io.revchain.page;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium through Selenium, with Debian's chromium and chromium-driver. Without them the browser
 * test classes are skipped with a message ({@link NeedsChromium}), unless REVCHAIN_BROWSER_TESTS=required (as
 * .ci/run sets), where they fail.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("revchain.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("revchain.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String MISSING = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
            + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;

    private Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("revchain-chromium-profile");
        this.downloads = Files.createTempDirectory("revchain-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--disable-dev-shm-usage", "--window-size=1920,1080", "--hide-scrollbars",
                             "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Starts Chromium; fails where it is not installed (classes marked {@link NeedsChromium} were skipped). */
    static Browser open(String base) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Assertions.fail(MISSING + (required() ? " (REVCHAIN_BROWSER_TESTS=required)" : ""));
        }
        return new Browser(base);
    }

    static boolean required() {
        return "required".equalsIgnoreCase(System.getenv("REVCHAIN_BROWSER_TESTS"));
    }

    Browser go(String pathAndQuery) {
        driver.get(base + pathAndQuery);
        return this;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    WebElement waitFor(By by) {
        return waitFor(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** A person of the tests: their login, and the name and function they act under. */
    record Person(String username, String password, String name, String function) {
    }

    /**
     * Signs the person in, in a fresh browser session. Where the service sends the browser to the login form, it is
     * filled in; on a service without login the page asks who is acting, and the name and function are chosen there.
     */
    Browser signIn(Person person) {
        go("/login");
        driver.manage().deleteAllCookies();
        go("/");
        waitFor(d -> d.getCurrentUrl().contains("/login") || !all("#user *").isEmpty() ? true : null);
        if (driver.getCurrentUrl().contains("/login")) {
            waitFor(By.cssSelector("input[name=username]")).sendKeys(person.username());
            one("input[name=password]").sendKeys(person.password(), org.openqa.selenium.Keys.ENTER);
            waitFor(d -> d.getCurrentUrl().contains("/login") ? null : true);
            waitFor(By.cssSelector("#who"));
            return this;
        }
        WebElement name = waitFor(By.cssSelector("#acting-name"));
        name.clear();
        name.sendKeys(person.name(), org.openqa.selenium.Keys.TAB);
        new org.openqa.selenium.support.ui.Select(one("#acting-function")).selectByVisibleText(person.function());
        return this;
    }

    /** Clicks the element, finding it again if the page redrew it meanwhile. */
    void click(String css) {
        waitFor(d -> {
            try {
                d.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.NoSuchElementException e) {
                return null;
            }
        });
    }

    /** The element's text now, or "" when it is not there: safe inside a wait while the page redraws. */
    String text(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
        return text == null ? "" : text.toString();
    }

    /** The attribute now, or "" when the element is not there. */
    String attribute(String css, String name) {
        Object value = script("const e = document.querySelector(arguments[0]);"
                              + " return e ? e.getAttribute(arguments[1]) : ''", css, name);
        return value == null ? "" : value.toString();
    }

    /**
     * Whether the element is a disabled control, read in one step of the page: a view that re-renders while the test
     * looks would otherwise hand it a stale element. False when the element is not there.
     */
    boolean disabled(String css) {
        return Boolean.TRUE.equals(script("const e = document.querySelector(arguments[0]); return !!e && e.disabled",
                                          css));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Sizes the page area (not the window, which adds the browser's own bars) to a screen such as a 1600×900
     * projector, so that a screenshot shows what the room sees.
     */
    Browser viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        long innerWidth = ((Number) script("return window.innerWidth")).longValue();
        long innerHeight = ((Number) script("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                (int) (2L * width - innerWidth), (int) (2L * height - innerHeight)));
        return this;
    }

    /** Saves a screenshot under target/screenshots for a person to look at. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Waits until a file with the suffix is fully downloaded. */
    Path downloaded(String suffix) {
        return waitFor(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            for (Path dir : List.of(profile, downloads)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }
}

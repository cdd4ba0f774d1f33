package org.operatefirst.anonymizer.publisher.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.operatefirst.anonymizer.publisher.cli.Service;
import org.operatefirst.anonymizer.publisher.streams.PublisherStreams;

/**
 * The playground page in a real browser: Debian's headless Chromium, driven through its chromedriver, against the
 * service's HTTP server (no Kafka: the dry run needs none). A policy author pastes a record, picks kind and tier,
 * and sees each change highlighted and typed in both panes. Leaves a screenshot in
 * {@code target/playground.png}.
 *
 * <p>Without Chromium the test is skipped, except on CI ({@code CI=true}), where it fails: {@code .ci/run}
 * installs {@code chromium} and {@code chromium-driver}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaygroundPageTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("anonymizer.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("anonymizer.test.chromedriver",
            "/usr/bin/chromedriver"));
    private static final String RECORD = "[I 2026-12-07 10:03:00.528 JupyterHub log:189] 200 POST "
            + "/hub/api/users/jdoe@example.org/activity (jdoe@example.org@198.51.100.105) "
            + "Authorization: Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345";

    private Service service;
    private ChromeDriver browser;
    private URI base;
    /** Why the tests are skipped (no browser, not on CI), or null. */
    private String skipped;

    @BeforeEach
    void skipWithoutABrowserOutsideCi() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @BeforeAll
    void startTheServiceAndTheBrowser(@TempDir final Path profile) {
        final boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            final String missing = "Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install chromium chromium-driver";
            assertThat(ci).as(missing + "; CI=true, so the page test must run").isFalse();
            skipped = missing + "; skipping the playground page test outside CI";
            return;
        }
        final byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 3);
        service = Service.start(Map.of(
                PublisherStreams.ENABLED_PROPERTY, false,
                "micronaut.server.port", -1,
                "anonymizer.keys.secret", Base64.getEncoder().encodeToString(secret),
                "anonymizer.embedded-broker.mode", "never",
                "anonymizer.ingest.enabled", false,
                "kafka.bootstrap.servers", "localhost:9"));
        base = service.httpServer().orElseThrow().getURI();

        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("chromium"),
                "--window-size=1280,800");
        final ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPastedRecordIsShownBesideItsOutputWithEveryChangeHighlightedAndTyped() throws IOException {
        browser.get(base.resolve("/").toString());
        assertThat(browser.getTitle()).isEqualTo("anonymizer playground");

        final WebElement record = browser.findElement(By.id("record"));
        record.clear();
        record.sendKeys(RECORD);
        new Select(browser.findElement(By.id("kind"))).selectByVisibleText("logs");
        new Select(browser.findElement(By.id("tier"))).selectByVisibleText("public");
        browser.findElement(By.id("run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> "scrubbed".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-state")));

        final List<WebElement> inputMarks = browser.findElements(By.cssSelector("#input mark"));
        final List<WebElement> outputMarks = browser.findElements(By.cssSelector("#output mark"));
        assertThat(inputMarks).extracting(WebElement::getText)
                .contains("jdoe@example.org", "ghp_0123456789abcdefghijABCDEFGHIJ012345");
        assertThat(inputMarks).hasSameSizeAs(outputMarks);
        assertThat(outputMarks).extracting(mark -> mark.getDomAttribute("data-type"))
                .contains("email", "secret:github-token").anyMatch(type -> type.contains("ip"));
        assertThat(outputMarks).filteredOn(mark -> "email".equals(mark.getDomAttribute("data-type")))
                .extracting(WebElement::getText).allMatch(text -> text.matches("u[a-z2-7]{12}@d[a-z2-7]{8}\\.invalid"));
        final String output = browser.findElement(By.id("output")).getText();
        assertThat(output).doesNotContain("jdoe", "198.51.100.105", "ghp_").contains("[REDACTED:github-token]");
        assertThat(browser.findElements(By.cssSelector("#findings li"))).extracting(WebElement::getText)
                .anyMatch(text -> text.startsWith("email: "));

        final File screenshot = browser.getScreenshotAs(OutputType.FILE);
        final Path kept = Path.of("target", "playground.png");
        Files.createDirectories(kept.getParent());
        Files.copy(screenshot.toPath(), kept, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(kept)).isGreaterThan(10_000);
    }

    @Test
    void aRecordTheTopologyWouldQuarantineIsReportedWithItsReason() {
        browser.get(base.resolve("/").toString());
        final WebElement record = browser.findElement(By.id("record"));
        record.clear();
        record.sendKeys("{\"kind\": \"Event\", \"message\": ");
        new Select(browser.findElement(By.id("kind"))).selectByVisibleText("events");
        browser.findElement(By.id("run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElement(By.id("status")).getText().startsWith("Not published"));
        assertThat(browser.findElement(By.id("status")).getDomAttribute("class")).isEqualTo("error");
        assertThat(browser.findElement(By.id("output")).getText()).isEmpty();
    }
}

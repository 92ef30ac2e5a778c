package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The settings page in the shared browser, as the tests use it: waits on conditions (never sleeps),
 * and at each checkpoint a screenshot at desktop and at 360 px, an axe-core check and a check that
 * nothing is wider than a 360 px screen.
 */
final class Page {
  static final Dimension PHONE = new Dimension(360, 800);
  static final Path SHOTS = Path.of("target", "settings-page");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  final ChromeDriver driver;
  private final URI base;
  private final List<String> requestUrls = new ArrayList<>();
  private final List<Map<String, String>> apiRequestHeaders = new ArrayList<>();

  Page(ChromeDriver driver, URI base) {
    this.driver = driver;
    this.base = base;
    try {
      Files.createDirectories(SHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the page at {@code hash} (e.g. {@code #/new}) from this server, afresh: a URL that only
   * repeats the current one would not load anything. The tab's sessionStorage (the token) stays.
   */
  void open(String hash) {
    driver.get("about:blank");
    driver.get(base.resolve("/") + hash);
  }

  String origin() {
    return base.toString();
  }

  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  <T> T until(Function<WebDriver, T> condition) {
    return waiting().until(condition);
  }

  WebElement visible(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void click(By by) {
    until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  void type(By by, String text) {
    WebElement input = visible(by);
    input.clear();
    input.sendKeys(text);
  }

  /** Waits until the element's text contains {@code expected}; returns the whole text. */
  String textContaining(By by, String expected) {
    until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
    return driver.findElement(by).getText();
  }

  static By button(String text) {
    return By.xpath("//button[normalize-space()='" + text + "']");
  }

  static By card(String connectionId) {
    return By.cssSelector("li.card[data-connection='" + connectionId + "']");
  }

  /** Signs in through the form unless this tab already holds a token. */
  void signIn(String token) {
    open("#/");
    until(
        d ->
            !d.findElements(By.id("token")).isEmpty()
                || !d.findElements(By.cssSelector("h1")).stream()
                    .filter(h -> h.getText().equals("Connections"))
                    .toList()
                    .isEmpty());
    if (!driver.findElements(By.id("token")).isEmpty()) {
      type(By.id("token"), token);
      click(button("Sign in"));
      visible(By.xpath("//h1[normalize-space()='Connections']"));
    }
  }

  /**
   * Screenshots (the whole page at desktop width, the window at 360 px), the accessibility check
   * and the narrow-screen check of what the browser shows now, named {@code name}.
   */
  void checkpoint(String name) {
    screenshot(name);
    assertThat(driver.findElement(By.tagName("body")).getText())
        .as("text on %s", name)
        .doesNotContainPattern("\\b(null|undefined|NaN)\\b|\\[object ");
    List<Axe.Violation> violations = Axe.run(driver);
    write(name + "-axe.txt", violations.toString());
    assertThat(violations.stream().filter(Axe.Violation::seriousOrWorse).toList())
        .as("serious or critical accessibility violations on %s", name)
        .isEmpty();
    Dimension desktop = driver.manage().window().getSize();
    driver.manage().window().setSize(PHONE);
    try {
      until(d -> ((Long) driver.executeScript("return window.innerWidth")) <= PHONE.width);
      // The window only: the check below covers the whole page, and a phone-wide full page is long.
      windowScreenshot(SHOTS.resolve(name + "-360px.png"));
      @SuppressWarnings("unchecked")
      List<String> tooWide =
          (List<String>)
              driver.executeScript(
                  "return [...document.querySelectorAll('body *')]"
                      + ".filter(e => (e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5"
                      + " || (getComputedStyle(e).overflowX === 'visible' && getComputedStyle(e).display !== 'inline'"
                      + " && e.scrollWidth > e.clientWidth + 1))"
                      + " && !e.parentElement.closest('.code')"
                      + " && !e.closest('.visually-hidden, .skip-link, dialog:not([open])'))"
                      + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
      assertThat(tooWide).as("elements wider than a 360 px screen on %s", name).isEmpty();
      assertThat(
              driver.executeScript(
                  "return document.documentElement.scrollWidth"
                      + " - document.documentElement.clientWidth"))
          .as("horizontal scrolling of %s at 360 px", name)
          .isEqualTo(0L);
    } finally {
      driver.manage().window().setSize(desktop);
    }
  }

  /** The whole page, not only what the window shows, as {@code target/settings-page/<name>.png}. */
  void screenshot(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue(),
            "scale", 1);
    String png =
        (String)
            driver
                .executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                .get("data");
    write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
  }

  /**
   * The part of the page from the top of {@code first} to the bottom of {@code last}, as {@code
   * file}.
   */
  void screenshot(Path file, By first, By last) {
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            driver.executeScript(
                "const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
                    + " const left = Math.min(a.left, b.left) - 16, top = a.top + window.scrollY - 16;"
                    + " return {x: left, y: top, width: Math.max(a.right, b.right) - left + 16,"
                    + " height: b.bottom + window.scrollY - top + 16};",
                driver.findElement(first),
                driver.findElement(last));
    Map<String, Object> clip = new HashMap<>(box);
    clip.put("scale", 1);
    String png =
        (String)
            driver
                .executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                .get("data");
    write(file, Base64.getDecoder().decode(png));
  }

  /** What the window shows, as {@code file}. */
  void windowScreenshot(Path file) {
    write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  private static void write(Path file, byte[] png) {
    try {
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String file, String text) {
    try {
      Files.writeString(SHOTS.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every URL the browser requested so far (documents, scripts, API calls), from Chromium's network
   * log.
   */
  List<String> requestUrls() {
    readNetworkLog();
    return List.copyOf(requestUrls);
  }

  /** The headers of every settings API request so far. */
  List<Map<String, String>> apiRequestHeaders() {
    readNetworkLog();
    return List.copyOf(apiRequestHeaders);
  }

  private void readNetworkLog() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if (message.path("method").asText().equals("Network.requestWillBeSent")) {
          JsonNode request = message.path("params").path("request");
          String url = request.path("url").asText();
          requestUrls.add(url);
          requestUrls.add(message.path("params").path("documentURL").asText());
          if (url.startsWith(origin() + "/connections")) {
            apiRequestHeaders.add(JSON.convertValue(request.path("headers"), HEADERS));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Script errors and Content-Security-Policy violations the browser reported since last asked. */
  List<String> scriptProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(
            m ->
                m.contains("Content Security Policy")
                    || m.contains("Uncaught")
                    || m.contains("SyntaxError")
                    || m.contains("TypeError"))
        .toList();
  }
}

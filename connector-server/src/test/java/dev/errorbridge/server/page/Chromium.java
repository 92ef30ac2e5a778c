package dev.errorbridge.server.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The machine's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven
 * through Selenium with both paths given, so that nothing is downloaded at run time. A missing
 * package fails the tests with the command that installs it: browser tests never skip.
 */
public final class Chromium implements ExtensionContext.Store.CloseableResource {
  /**
   * Installs what the browser tests need on Debian; {@code .ci/run} runs it when they are missing.
   */
  public static final String INSTALL = "apt-get install -y chromium chromium-driver";

  static final Path BROWSER =
      Path.of(System.getProperty("errorbridge.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("errorbridge.chromedriver", "/usr/bin/chromedriver"));
  static final Dimension DESKTOP = new Dimension(1280, 900);

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a browser with a fresh profile. */
  public static Chromium start() {
    require(BROWSER, "chromium");
    require(DRIVER, "chromium-driver");
    Path profile;
    try {
      profile = Files.createTempDirectory("errorbridge-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Chromium(driver, profile);
  }

  private static void require(Path file, String debianPackage) {
    if (!Files.isExecutable(file)) {
      throw new IllegalStateException(
          file
              + " is missing: the settings page tests run in the machine's Chromium. Install Debian's "
              + debianPackage
              + " with: "
              + INSTALL
              + " (or point -Derrorbridge.chromium / -Derrorbridge.chromedriver at them)");
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

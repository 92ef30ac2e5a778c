package dev.errorbridge.server.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (the {@code org.webjars.npm:axe-core} webjar, a test dependency) run against the page
 * the browser shows. The test injects it: the page itself never loads it, and its CSP does not
 * apply to scripts the driver runs.
 */
final class Axe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBJAR = "META-INF/resources/webjars/axe-core/";
  private static final String SOURCE = read(WEBJAR + version() + "/axe.min.js");

  /** One rule broken, with the impact axe gives it and where. */
  record Violation(String rule, String impact, String help, List<String> targets) {
    boolean seriousOrWorse() {
      return "serious".equals(impact) || "critical".equals(impact);
    }
  }

  private Axe() {}

  /** The WCAG 2.1 A and AA rules and axe's best practices, on the whole document. */
  static List<Violation> run(JavascriptExecutor browser) {
    browser.executeScript(SOURCE);
    String result =
        (String)
            browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',"
                    + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                    + ".then(r => done(JSON.stringify(r.violations)),"
                    + " e => done(JSON.stringify({error: String(e)})));");
    try {
      JsonNode violations = JSON.readTree(result);
      if (violations.has("error")) {
        throw new IllegalStateException("axe failed: " + violations.get("error").asText());
      }
      List<Violation> found = new ArrayList<>();
      for (JsonNode v : violations) {
        List<String> targets = new ArrayList<>();
        v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
        found.add(
            new Violation(
                v.path("id").asText(),
                v.path("impact").asText(),
                v.path("help").asText(),
                targets));
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String version() {
    Properties pom = new Properties();
    try (InputStream in =
        Axe.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the axe-core webjar is not on the test class path");
      }
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

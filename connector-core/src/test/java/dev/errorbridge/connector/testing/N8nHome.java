package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where {@code .ci/n8n.sh} installed n8n {@value #VERSION}: the directory holding its {@code
 * node_modules}, found from (first match wins) the system property {@value #PROPERTY}, the
 * environment variable {@value #VARIABLE}, or the script's default {@code
 * ${ERRORBRIDGE_CACHE:-$HOME/.cache/errorbridge}/n8n-<version>}.
 *
 * @param directory the n8n home
 */
public record N8nHome(Path directory) {
  /** The n8n the tests and the recipe in docs/platforms/n8n.md are written against. */
  public static final String VERSION = "1.123.81";

  public static final String PROPERTY = "errorbridge.n8n.home";
  public static final String VARIABLE = "ERRORBRIDGE_N8N_HOME";

  /** What {@code .ci/n8n.sh} writes last, so an interrupted install is never taken for one. */
  static final String MARKER = ".errorbridge-installed";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The installed home of this JVM's environment. */
  public static N8nHome installed() {
    return installed(System.getProperties(), System.getenv());
  }

  /**
   * @throws N8nNotInstalledException naming {@code .ci/n8n.sh} when the home is missing, was
   *     installed only in part, or holds another n8n version
   */
  static N8nHome installed(Properties properties, Map<String, String> environment) {
    Path directory = locate(properties, environment);
    if (!Files.isRegularFile(directory.resolve(MARKER))
        || !Files.isExecutable(directory.resolve("node_modules/.bin/n8n"))) {
      throw new N8nNotInstalledException(
          "n8n "
              + VERSION
              + " is not installed in "
              + directory
              + ": run .ci/n8n.sh (about 5 minutes, once per machine); it prints where it installed"
              + " n8n, which the tests find by themselves unless -D"
              + PROPERTY
              + " or "
              + VARIABLE
              + " points elsewhere");
    }
    String version = installedVersion(directory);
    if (!VERSION.equals(version)) {
      throw new N8nNotInstalledException(
          directory
              + " holds n8n "
              + version
              + " but the tests are written against n8n "
              + VERSION
              + ": run .ci/n8n.sh, whose N8N_VERSION must be "
              + VERSION);
    }
    return new N8nHome(directory);
  }

  /** The n8n command ({@code node_modules/.bin/n8n}). */
  public Path executable() {
    return directory.resolve("node_modules/.bin/n8n");
  }

  /** The OpenAPI document n8n ships for its public API, as installed. */
  public Path openApiDocument() {
    return directory.resolve("node_modules/n8n/dist/public-api/v1/openapi.yml");
  }

  private static Path locate(Properties properties, Map<String, String> environment) {
    String configured = properties.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = environment.get(VARIABLE);
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String cache = environment.get("ERRORBRIDGE_CACHE");
    Path root =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(properties.getProperty("user.home"), ".cache", "errorbridge");
    return root.resolve("n8n-" + VERSION);
  }

  private static String installedVersion(Path directory) {
    Path packageJson = directory.resolve("node_modules/n8n/package.json");
    try {
      return JSON.readTree(packageJson.toFile()).path("version").asText("unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + packageJson, e);
    }
  }
}

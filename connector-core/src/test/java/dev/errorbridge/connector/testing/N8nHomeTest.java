package dev.errorbridge.connector.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the n8n that .ci/n8n.sh installed, and failing loudly when there is none. */
class N8nHomeTest {
  @TempDir Path temp;

  @Test
  void installed_whenNothingInstalled_failsNamingTheInstallScript() {
    Properties properties = properties(temp.resolve("home"));

    assertThatThrownBy(() -> N8nHome.installed(properties, Map.of()))
        .isInstanceOf(N8nNotInstalledException.class)
        .hasMessageContaining(".ci/n8n.sh")
        .hasMessageContaining(temp.resolve("home/.cache/errorbridge/n8n-1.123.81").toString());
  }

  @Test
  void installed_whenInstallWasInterrupted_failsAsNotInstalled() throws IOException {
    Path home = fakeInstall(temp.resolve("n8n"), N8nHome.VERSION);
    Files.delete(home.resolve(N8nHome.MARKER));

    assertThatThrownBy(
            () -> N8nHome.installed(new Properties(), Map.of(N8nHome.VARIABLE, home.toString())))
        .isInstanceOf(N8nNotInstalledException.class)
        .hasMessageContaining(".ci/n8n.sh");
  }

  @Test
  void installed_whenAnotherVersionIsInstalled_failsNamingBoth() throws IOException {
    Path home = fakeInstall(temp.resolve("n8n"), "1.99.0");

    assertThatThrownBy(
            () -> N8nHome.installed(new Properties(), Map.of(N8nHome.VARIABLE, home.toString())))
        .isInstanceOf(N8nNotInstalledException.class)
        .hasMessageContaining("1.99.0")
        .hasMessageContaining(N8nHome.VERSION)
        .hasMessageContaining(".ci/n8n.sh");
  }

  @Test
  void installed_whenPropertyAndVariableBothSet_takesTheProperty() throws IOException {
    Path fromProperty = fakeInstall(temp.resolve("a"), N8nHome.VERSION);
    Properties properties = new Properties();
    properties.setProperty(N8nHome.PROPERTY, fromProperty.toString());

    N8nHome home =
        N8nHome.installed(properties, Map.of(N8nHome.VARIABLE, temp.resolve("missing").toString()));

    assertThat(home.directory()).isEqualTo(fromProperty);
    assertThat(home.executable()).isEqualTo(fromProperty.resolve("node_modules/.bin/n8n"));
  }

  @Test
  void installed_whenOnlyTheCacheIsSet_looksWhereTheScriptInstalls() throws IOException {
    Path cache = temp.resolve("cache");
    fakeInstall(cache.resolve("n8n-" + N8nHome.VERSION), N8nHome.VERSION);

    N8nHome home =
        N8nHome.installed(
            properties(temp.resolve("elsewhere")), Map.of("ERRORBRIDGE_CACHE", cache.toString()));

    assertThat(home.directory()).isEqualTo(cache.resolve("n8n-" + N8nHome.VERSION));
  }

  @Test
  void version_isTheOneTheInstallScriptInstalls() throws IOException {
    // Surefire runs in the module directory; the script is the repository's.
    String script = Files.readString(Path.of("..", ".ci", "n8n.sh"));
    Matcher version = Pattern.compile("(?m)^readonly N8N_VERSION=\"([^\"]+)\"$").matcher(script);

    assertThat(version.find()).as("N8N_VERSION in .ci/n8n.sh").isTrue();
    assertThat(version.group(1)).isEqualTo(N8nHome.VERSION);
  }

  private static Properties properties(Path userHome) {
    Properties properties = new Properties();
    properties.setProperty("user.home", userHome.toString());
    return properties;
  }

  private static Path fakeInstall(Path home, String version) throws IOException {
    Path bin = Files.createDirectories(home.resolve("node_modules/.bin"));
    Files.createFile(
        bin.resolve("n8n"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path n8n = Files.createDirectories(home.resolve("node_modules/n8n"));
    Files.writeString(n8n.resolve("package.json"), "{\"version\":\"" + version + "\"}");
    Files.writeString(home.resolve(N8nHome.MARKER), "installed");
    return home;
  }
}

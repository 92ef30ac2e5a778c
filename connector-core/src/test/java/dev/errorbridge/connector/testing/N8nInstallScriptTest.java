package dev.errorbridge.connector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/n8n.sh} with a stand-in {@code npm} (the real install takes minutes and the network):
 * where it installs, what it prints, when it skips, and that an interrupted install is redone.
 */
class N8nInstallScriptTest {
  private static final Path SCRIPT = Path.of("..", ".ci", "n8n.sh").toAbsolutePath();

  // Records each call, then builds what `npm install` / `npm rebuild sqlite3` would leave behind.
  private static final String FAKE_NPM =
      """
      #!/usr/bin/env bash
      set -euo pipefail
      echo "$*" >> "$FAKE_NPM_LOG"
      if [[ "${FAKE_NPM_FAIL:-}" == "$1" ]]; then echo "npm $1 failed" >&2; exit 1; fi
      case "$1" in
        install)
          version="$(node -p 'require("./package.json").dependencies.n8n')"
          mkdir -p node_modules/.bin node_modules/n8n
          printf '{"version":"%s"}' "$version" > node_modules/n8n/package.json
          printf '#!/bin/sh\\n' > node_modules/.bin/n8n && chmod +x node_modules/.bin/n8n ;;
        rebuild)
          mkdir -p node_modules/sqlite3 && echo 'module.exports = {};' > node_modules/sqlite3/index.js ;;
      esac
      """;

  @TempDir Path temp;
  private Path cache;
  private Path log;
  private Path bin;

  @BeforeEach
  void fakeNpm() throws IOException {
    cache = temp.resolve("cache");
    log = temp.resolve("npm.log");
    bin = Files.createDirectories(temp.resolve("bin"));
    Path npm = bin.resolve("npm");
    Files.writeString(npm, FAKE_NPM);
    Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void run_whenNothingInstalled_installsIntoTheCacheAndPrintsOnlyItsPath() throws Exception {
    Result result = run(Map.of());

    Path home = cache.resolve("n8n-" + N8nHome.VERSION);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(home + "\n");
    assertThat(npmCalls())
        .containsExactly(
            "install --ignore-scripts --no-audit --no-fund --loglevel=error",
            "rebuild sqlite3 --loglevel=error");
    assertThat(Files.readString(home.resolve("package.json")))
        .contains("\"n8n\": \"" + N8nHome.VERSION + "\"")
        .contains("\"xlsx\": \"0.18.5\"");
    assertThat(home.resolve(N8nHome.MARKER)).exists();
    assertThat(
            N8nHome.installed(new Properties(), Map.of(N8nHome.VARIABLE, home.toString()))
                .directory())
        .isEqualTo(home);
  }

  @Test
  void run_whenAlreadyInstalled_installsNothing() throws Exception {
    run(Map.of());
    Files.delete(log);

    Result again = run(Map.of());

    assertThat(again.exitCode()).isZero();
    assertThat(again.stdout()).isEqualTo(cache.resolve("n8n-" + N8nHome.VERSION) + "\n");
    assertThat(log).doesNotExist();
  }

  @Test
  void run_whenAnInstallWasInterrupted_startsAgainFromAnEmptyDirectory() throws Exception {
    Path home = Files.createDirectories(cache.resolve("n8n-" + N8nHome.VERSION));
    Files.writeString(home.resolve("left-over"), "from the interrupted run");

    Result result = run(Map.of());

    assertThat(result.exitCode()).isZero();
    assertThat(home.resolve("left-over")).doesNotExist();
    assertThat(home.resolve(N8nHome.MARKER)).exists();
  }

  @Test
  void run_whenNpmFails_failsWithoutMarkingTheInstallComplete() throws Exception {
    Result result = run(Map.of("FAKE_NPM_FAIL", "rebuild"));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout()).isEmpty();
    assertThat(cache.resolve("n8n-" + N8nHome.VERSION).resolve(N8nHome.MARKER)).doesNotExist();
  }

  private List<String> npmCalls() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private Result run(Map<String, String> extra) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", SCRIPT.toString())
            .redirectError(temp.resolve("stderr.txt").toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("ERRORBRIDGE_CACHE", cache.toString());
    env.put("FAKE_NPM_LOG", log.toString());
    env.putAll(extra);
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("n8n.sh finished").isTrue();
    return new Result(process.exitValue(), stdout);
  }

  private record Result(int exitCode, String stdout) {}
}

package dev.errorbridge.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The standalone server jar in its own JVM, as an operator runs it, stopped the hard way: {@link
 * #kill()} is SIGKILL ({@link Process#destroyForcibly()} on Linux), so nothing of a graceful
 * shutdown runs.
 */
final class ServerChild {
  private final Process process;
  private final URI base;
  private final Duration startup;

  private ServerChild(Process process, URI base, Duration startup) {
    this.process = process;
    this.base = base;
    this.startup = startup;
  }

  /** Starts {@code jar} with {@code environment} and waits until {@code /health} answers 200. */
  static ServerChild start(Path jar, int port, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                jar.toString()));
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("ERRORBRIDGE_") || k.startsWith("AWS_"));
    builder.environment().putAll(environment);
    builder.environment().put("ERRORBRIDGE_PORT", Integer.toString(port));
    builder.environment().put("ERRORBRIDGE_HOST", "127.0.0.1");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("server healthy (log: " + log + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the server exited with " + process.exitValue() + "; see " + log);
              }
              try {
                return http.send(
                            HttpRequest.newBuilder(base.resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
    return new ServerChild(process, base, Duration.ofNanos(System.nanoTime() - started));
  }

  URI base() {
    return base;
  }

  /** From starting the JVM to the first healthy answer. */
  Duration startup() {
    return startup;
  }

  /** {@code kill -9}. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

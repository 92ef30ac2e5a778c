package dev.errorbridge.server.crash;

import static org.awaitility.Awaitility.await;

import dev.errorbridge.connector.crashpoint.CrashPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The standalone server ({@code dev.errorbridge.server.ServerMain}) in a child JVM on this test's
 * classpath, in real-AWS mode against a {@link CrashWorld}, optionally armed with a {@link
 * CrashPoint}. Its standard output (the JSON log) and standard error go to files under {@code
 * target/crash-harness/}; standard error is also scanned for the listening line and the crash
 * point's marker. {@link #kill()} is {@code kill -9}: {@link Process#destroyForcibly()} sends
 * SIGKILL on Linux, so no shutdown hook, no drain of the bookkeeping queue, nothing runs.
 */
final class ServerProcess implements AutoCloseable {
  /** Where the children's logs go, one pair of files per start. */
  static final Path LOG_DIRECTORY = Path.of("target", "crash-harness");

  static final String OPERATOR_TOKEN = "crash-harness-operator-token-0123456789abcdef";

  private static final Pattern LISTENING =
      Pattern.compile("Errorbridge is listening on http://[^:]+:(\\d+)");

  private final String name;
  private final Process process;
  private final Path stderrFile;
  private final List<String> stderrLines = new ArrayList<>(); // guarded by itself
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final long startedNanos = System.nanoTime();
  private volatile int port = -1;
  private volatile Duration startup;

  private ServerProcess(String name, Process process, Path stderrFile) {
    this.name = name;
    this.process = process;
    this.stderrFile = stderrFile;
  }

  /**
   * Starts a server child and waits until it answers {@code /health} with 200.
   *
   * @param name names the log files (e.g. {@code after-claim-1})
   * @param environment the variables on top of a clean environment (no inherited {@code
   *     ERRORBRIDGE_*} or {@code AWS_*})
   * @param crashPoint the point to stop at, or {@code null} for none
   * @param crashHits on which hit of the point to stop (1 = the first)
   */
  static ServerProcess start(
      String name, Map<String, String> environment, String crashPoint, int crashHits) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Daws.disableEc2Metadata=true");
    if (crashPoint != null) {
      command.add("-D" + CrashPoint.PROPERTY + "=" + crashPoint);
      command.add("-D" + CrashPoint.HITS_PROPERTY + "=" + crashHits);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.errorbridge.server.ServerMain");
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("ERRORBRIDGE_") || k.startsWith("AWS_"));
    env.put("ERRORBRIDGE_HOST", "127.0.0.1");
    env.put("ERRORBRIDGE_PORT", "0");
    env.put("ERRORBRIDGE_OPERATOR_TOKEN", OPERATOR_TOKEN);
    env.put("ERRORBRIDGE_LOG_LEVEL", "INFO");
    // One replica, restarted: its new process takes over the operation leases the killed one held.
    env.put("ERRORBRIDGE_REPLICA_ID", "crash-harness");
    env.putAll(environment);
    try {
      Files.createDirectories(LOG_DIRECTORY);
      builder.redirectOutput(LOG_DIRECTORY.resolve(name + ".out.log").toFile());
      ServerProcess server =
          new ServerProcess(name, builder.start(), LOG_DIRECTORY.resolve(name + ".err.log"));
      server.pumpStandardError();
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the server child " + name, e);
    }
  }

  private void pumpStandardError() {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(
                          Files.newBufferedWriter(stderrFile, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  out.println(line);
                  out.flush();
                  Matcher listening = LISTENING.matcher(line);
                  if (listening.find()) {
                    port = Integer.parseInt(listening.group(1));
                  }
                  synchronized (stderrLines) {
                    stderrLines.add(line);
                  }
                }
              } catch (IOException e) {
                // The child was killed: its pipe closes, and that is all this thread waits for.
              }
            },
            "stderr-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  private void awaitHealthy() {
    try {
      await("server " + name + " healthy")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "server child " + name + " exited with " + process.exitValue() + diagnosis());
                }
                return port > 0 && healthStatus() == 200;
              });
    } catch (ConditionTimeoutException e) {
      kill();
      throw new AssertionError("server child " + name + " did not become healthy" + diagnosis(), e);
    }
    startup = Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private int healthStatus() {
    try {
      return http.send(
              HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Waits until the child printed the marker of {@code point}, i.e. one of its threads is stopped
   * there.
   *
   * @throws AssertionError saying the point was never reached, if it was not within {@code within}
   */
  void awaitCrashPoint(String point, Duration within) {
    String marker = CrashPoint.MARKER + " " + point;
    try {
      await("crash point " + point + " reached in " + name)
          .atMost(within)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                synchronized (stderrLines) {
                  return stderrLines.stream().anyMatch(l -> l.contains(marker));
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "crash point '"
              + point
              + "' was never reached within "
              + within
              + ": is CrashPoint.reached(CrashPoint."
              + point.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
              + ") placed on this path?"
              + diagnosis(),
          e);
    }
  }

  /** {@code kill -9}, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("server child " + name + " survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** From starting the JVM to the first {@code /health} 200. */
  Duration startup() {
    return startup;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** An operator request; {@code body} may be {@code null}. */
  HttpResponse<String> operator(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed" + diagnosis(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The same request sent without waiting (for one that a crash point will stop). */
  java.util.concurrent.CompletableFuture<HttpResponse<String>> operatorAsync(
      String method, String path, String body) {
    return http.sendAsync(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String name() {
    return name;
  }

  private String diagnosis() {
    return " (logs: " + LOG_DIRECTORY.toAbsolutePath().resolve(name) + ".{out,err}.log)";
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}

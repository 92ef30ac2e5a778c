package dev.errorbridge.connector.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code n8n start} process of an {@link N8nInstance}: a free loopback port, a fresh user
 * folder (its own SQLite database and n8n's log), the environment of the recipe in
 * docs/platforms/n8n.md, and the HTTP client that talks to it. {@link #close()} stops the process
 * tree and deletes the folder; a JVM shutdown hook does the same if the tests never close it.
 */
final class N8nProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(N8nProcess.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path userFolder;
  private final URI baseUri;
  private final HttpClient http;
  private final Thread shutdownHook;
  private boolean closed;

  private N8nProcess(Process process, Path userFolder, URI baseUri) {
    this.process = process;
    this.userFolder = userFolder;
    this.baseUri = baseUri;
    // HTTP/1.1: n8n's server leaves the JDK client's h2c upgrade request unanswered.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.shutdownHook = new Thread(this::stop, "n8n-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts n8n from {@code home} and waits until it serves its API.
   *
   * @param environment added to n8n's environment
   * @throws IllegalStateException with the end of n8n's log when it does not become ready
   */
  static N8nProcess start(N8nHome home, Map<String, String> environment) {
    Path userFolder;
    try {
      userFolder = Files.createTempDirectory("errorbridge-n8n-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create n8n's user folder", e);
    }
    int port = freeLoopbackPort();
    ProcessBuilder builder =
        new ProcessBuilder(home.executable().toString(), "start")
            .directory(userFolder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(userFolder.resolve("n8n.log").toFile());
    configure(builder.environment(), userFolder, port, environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + home.executable(), e);
    }
    N8nProcess n8n =
        new N8nProcess(process, userFolder, URI.create("http://127.0.0.1:" + port + "/"));
    try {
      n8n.awaitReady();
    } catch (RuntimeException e) {
      throw n8n.failed("did not become ready", e);
    }
    return n8n;
  }

  URI baseUri() {
    return baseUri;
  }

  HttpClient http() {
    return http;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
    }
  }

  /** Closes this process and describes why, with the end of n8n's log. */
  IllegalStateException failed(String what, RuntimeException cause) {
    String log = logTail();
    close();
    return new IllegalStateException(
        "n8n " + N8nHome.VERSION + " at " + baseUri + " " + what + "; its log ends:\n" + log,
        cause);
  }

  /** The end of n8n's own log (start-up, errors), for failure messages. */
  String logTail() {
    Path log = userFolder.resolve("n8n.log");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no n8n log at " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      LOG.debug("JVM already shutting down; the hook stops n8n", e);
    }
    deleteRecursively(userFolder);
  }

  private static void configure(
      Map<String, String> env, Path userFolder, int port, Map<String, String> extra) {
    // Hermetic: none of the developer's own n8n settings leak in.
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("N8N_")
                    || name.startsWith("DB_")
                    || name.startsWith("EXECUTIONS_")
                    || name.equals("WEBHOOK_URL"));
    env.put("N8N_USER_FOLDER", userFolder.toString());
    env.put("N8N_LISTEN_ADDRESS", "127.0.0.1");
    env.put("N8N_PORT", Integer.toString(port));
    // isolated-vm, the default expression engine's native module, does not build here.
    env.put("N8N_EXPRESSION_ENGINE", "legacy");
    env.put("N8N_RUNNERS_ENABLED", "false");
    env.put("N8N_DIAGNOSTICS_ENABLED", "false");
    env.put("N8N_VERSION_NOTIFICATIONS_ENABLED", "false");
    env.put("N8N_TEMPLATES_ENABLED", "false");
    env.put("N8N_PERSONALIZATION_ENABLED", "false");
    // The Error Trigger sample reads its URL and secret with $env (n8n 2.x blocks it by default).
    env.put("N8N_BLOCK_ENV_ACCESS_IN_NODE", "false");
    env.put("N8N_GRACEFUL_SHUTDOWN_TIMEOUT", "5");
    env.put("GENERIC_TIMEZONE", "UTC");
    env.putAll(extra);
  }

  private void awaitReady() {
    await("n8n " + N8nHome.VERSION + " serving at " + baseUri)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .failFast("n8n exited before it was ready", () -> !process.isAlive())
        // Readiness means migrated; /rest/settings answers once the routes are mounted too.
        .until(() -> status("healthz/readiness") == 200 && status("rest/settings") == 200);
  }

  private int status(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(5)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for n8n", e);
    }
  }

  private void stop() {
    List<ProcessHandle> tree =
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroy);
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("n8n did not stop within {}; killing it", STOP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not delete n8n's user folder {}", directory, e);
    }
  }
}

package dev.errorbridge.connector.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.secrets.SecretValue;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real n8n ({@link N8nHome#VERSION}) on a free loopback port with a fresh user folder (its own
 * SQLite database), set up with an owner and a public-API key, for tests that need the real thing
 * rather than fixtures. Starting takes 10–60 s (database migrations), so share one per test JVM
 * ({@link N8nExtension}). {@link #close()} stops n8n's process tree and deletes the folder.
 *
 * <p>The API key is held as a {@link SecretValue}: it appears in no log, exception or {@link
 * #toString()}.
 */
public final class N8nInstance implements AutoCloseable {
  /** What the tests' key may do; the adapter itself needs only the read and list scopes. */
  public static final List<String> API_KEY_SCOPES =
      List.of(
          "execution:list",
          "execution:read",
          "workflow:list",
          "workflow:read",
          "workflow:create",
          "workflow:update",
          "workflow:activate");

  private static final Logger LOG = LoggerFactory.getLogger(N8nInstance.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  // n8n ties its auth cookie to this header (a browser's id); any constant will do.
  private static final String BROWSER_ID = "errorbridge-tests";

  private final N8nHome home;
  private final Process process;
  private final Path userFolder;
  private final URI baseUri;
  private final HttpClient http;
  private final Thread shutdownHook;
  private SecretValue apiKey;
  private N8nPublicApi api;
  private boolean closed;

  private N8nInstance(N8nHome home, Process process, Path userFolder, URI baseUri) {
    this.home = home;
    this.process = process;
    this.userFolder = userFolder;
    this.baseUri = baseUri;
    // HTTP/1.1: n8n's server leaves the JDK client's h2c upgrade request unanswered.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.shutdownHook = new Thread(this::stopProcess, "n8n-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts n8n from {@code home} and waits until it serves its API, then creates the owner and the
   * API key.
   *
   * @param environment added to n8n's environment (e.g. what the Error Trigger sample reads with
   *     {@code $env})
   */
  public static N8nInstance start(N8nHome home, Map<String, String> environment) {
    long started = System.nanoTime();
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
    N8nInstance n8n =
        new N8nInstance(home, process, userFolder, URI.create("http://127.0.0.1:" + port + "/"));
    try {
      n8n.awaitReady();
      n8n.setUpOwnerAndKey();
    } catch (RuntimeException e) {
      String log = n8n.logTail();
      n8n.close();
      throw new IllegalStateException(
          "n8n " + N8nHome.VERSION + " did not start on port " + port + ": " + log, e);
    }
    LOG.info(
        "n8n {} ready at {} in {} s",
        N8nHome.VERSION,
        n8n.baseUri,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    return n8n;
  }

  /** The instance's root, e.g. {@code http://127.0.0.1:5678/}. */
  public URI baseUri() {
    return baseUri;
  }

  public N8nHome home() {
    return home;
  }

  /** The public API, authenticated with this instance's key. */
  public N8nPublicApi api() {
    return api;
  }

  /** The public-API key (scopes {@link #API_KEY_SCOPES}). */
  public SecretValue apiKey() {
    return apiKey;
  }

  /**
   * Creates and activates a workflow whose Webhook trigger ({@code POST /webhook/<random path>})
   * runs a Stop and Error node ({@link N8nWorkflows#STOP_AND_ERROR_NODE}) raising {@code message}.
   *
   * @param errorWorkflowId the workflow n8n runs when this one fails (its {@code
   *     settings.errorWorkflow}), or {@code null}
   */
  public N8nWorkflow createFailingWorkflow(String name, String message, String errorWorkflowId) {
    String path = webhookPath();
    return createActive(N8nWorkflows.stopAndError(name, path, message, errorWorkflowId), path);
  }

  public N8nWorkflow createFailingWorkflow(String name, String message) {
    return createFailingWorkflow(name, message, null);
  }

  /** Creates and activates {@code workflow}, whose Webhook trigger listens on {@code path}. */
  public N8nWorkflow createActive(ObjectNode workflow, String path) {
    JsonNode created = api.post("workflows", workflow);
    String id = created.get("id").asText();
    api.post("workflows/" + id + "/activate", null);
    return new N8nWorkflow(id, created.get("name").asText(), Optional.of(path));
  }

  /**
   * Imports the Error Trigger workflow of {@code sample} (an exported n8n workflow file). It needs
   * no activation: n8n runs it for every workflow naming it in {@code settings.errorWorkflow}.
   */
  public N8nWorkflow createErrorTriggerWorkflow(Path sample) {
    JsonNode created = api.post("workflows", N8nWorkflows.fromFile(sample));
    return new N8nWorkflow(
        created.get("id").asText(), created.get("name").asText(), Optional.empty());
  }

  /**
   * Calls the workflow's Webhook trigger {@code times} times, one after the other, and returns the
   * ids of the executions they started, in order. n8n answers each call before the workflow's last
   * node runs; the executions finish (fail) on their own shortly after.
   */
  public List<String> trigger(N8nWorkflow workflow, int times) {
    String path =
        workflow
            .webhookPath()
            .orElseThrow(() -> new IllegalArgumentException(workflow + " has no Webhook trigger"));
    List<String> executionIds = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(baseUri.resolve("webhook/" + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"call\":" + (i + 1) + "}"))
              .build();
      HttpResponse<String> response = send(request);
      JsonNode id = N8nPublicApi.parse(response.body()).path(N8nWorkflows.EXECUTION_ID_FIELD);
      if (response.statusCode() != 200 || !id.isTextual()) {
        throw new IllegalStateException(
            "POST /webhook/"
                + path
                + " (call "
                + (i + 1)
                + ") answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      executionIds.add(id.asText());
    }
    return executionIds;
  }

  /**
   * Every execution {@code GET /api/v1/executions?<query>} lists, across all pages.
   *
   * @param query e.g. {@code status=error&includeData=true&workflowId=…}
   */
  public List<JsonNode> executions(String query) {
    return api.all("executions?" + query);
  }

  /** {@code GET /api/v1/executions/{id}}, with the run data when {@code includeData}. */
  public JsonNode execution(String id, boolean includeData) {
    return api.get("executions/" + id + "?includeData=" + includeData);
  }

  /**
   * The OpenAPI document this instance serves (its Swagger UI at {@code /api/v1/docs} embeds it):
   * the one n8n ships for this version.
   */
  public JsonNode openApiDocument() {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve("api/v1/docs/swagger-ui-init.js"))
            .timeout(Duration.ofSeconds(30))
            .build();
    String script = send(request).body();
    int key = script.indexOf("\"swaggerDoc\"");
    if (key < 0) {
      throw new IllegalStateException("n8n's Swagger UI script embeds no swaggerDoc");
    }
    try {
      // Reads the one object after the key; the rest of the script is not JSON and is not read.
      return JSON.readTree(script.substring(script.indexOf('{', key)));
    } catch (IOException e) {
      throw new UncheckedIOException("n8n's embedded OpenAPI document is not JSON", e);
    }
  }

  /** The end of n8n's own log (start-up, errors), for failure messages. */
  public String logTail() {
    Path log = userFolder.resolve("n8n.log");
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no n8n log at " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops n8n and everything it started, then deletes its user folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      LOG.debug("JVM already shutting down; the hook stops n8n", e);
    }
    deleteRecursively(userFolder);
  }

  @Override
  public String toString() {
    return "N8nInstance[n8n " + N8nHome.VERSION + " at " + baseUri + "]";
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

  private void setUpOwnerAndKey() {
    ObjectNode owner =
        JSON.createObjectNode()
            .put("email", "owner@errorbridge.test")
            .put("firstName", "Errorbridge")
            .put("lastName", "Tests")
            .put("password", "Eb-" + UUID.randomUUID() + "-A1");
    HttpResponse<String> setup = rest("rest/owner/setup", owner, null);
    String cookie =
        setup
            .headers()
            .firstValue("set-cookie")
            .map(value -> value.substring(0, value.indexOf(';')))
            .orElseThrow(() -> new IllegalStateException("owner setup set no auth cookie"));

    ObjectNode keyRequest = JSON.createObjectNode().put("label", "errorbridge-tests");
    API_KEY_SCOPES.forEach(keyRequest.putArray("scopes")::add);
    keyRequest.putNull("expiresAt");
    HttpResponse<String> created = rest("rest/api-keys", keyRequest, cookie);
    JsonNode rawKey = N8nPublicApi.parse(created.body()).path("data").path("rawApiKey");
    if (!rawKey.isTextual()) {
      throw new IllegalStateException("POST /rest/api-keys answered no data.rawApiKey");
    }
    this.apiKey = SecretValue.of(rawKey.asText());
    this.api = new N8nPublicApi(http, baseUri.resolve("api/v1/"), apiKey);
  }

  // The internal REST API the editor uses: only for what the public API cannot do (owner, key).
  private HttpResponse<String> rest(String path, JsonNode body, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("browser-id", BROWSER_ID)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() != 200) {
      // The body may echo what was sent (the password): only the status is reported.
      throw new IllegalStateException("POST /" + path + " answered " + response.statusCode());
    }
    return response;
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

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
    }
  }

  private void stopProcess() {
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

  private static String webhookPath() {
    return "errorbridge-" + UUID.randomUUID();
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

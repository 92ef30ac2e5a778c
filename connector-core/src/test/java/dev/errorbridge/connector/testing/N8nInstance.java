package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.connector.secrets.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real n8n ({@link N8nHome#VERSION}) on a free loopback port with a fresh user folder (its own
 * SQLite database; see {@link N8nProcess}), set up with an owner and a public-API key, for tests
 * that need the real thing rather than fixtures. Starting takes 10–60 s (database migrations), so
 * share one per test JVM ({@link N8nExtension}). {@link #close()} stops n8n's process tree and
 * deletes the folder.
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
  // n8n ties its auth cookie to this header (a browser's id); any constant will do.
  private static final String BROWSER_ID = "errorbridge-tests";

  private final N8nHome home;
  private final N8nProcess process;
  private final SecretValue apiKey;
  private final N8nPublicApi api;

  private N8nInstance(N8nHome home, N8nProcess process, SecretValue apiKey) {
    this.home = home;
    this.process = process;
    this.apiKey = apiKey;
    this.api = new N8nPublicApi(process.http(), process.baseUri().resolve("api/v1/"), apiKey);
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
    N8nProcess process = N8nProcess.start(home, environment);
    SecretValue apiKey;
    try {
      apiKey = setUpOwnerAndKey(process);
    } catch (RuntimeException e) {
      throw process.failed("refused the owner or the API key", e);
    }
    LOG.info(
        "n8n {} ready at {} in {} s",
        N8nHome.VERSION,
        process.baseUri(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    return new N8nInstance(home, process, apiKey);
  }

  /** The instance's root, e.g. {@code http://127.0.0.1:5678/}. */
  public URI baseUri() {
    return process.baseUri();
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
          HttpRequest.newBuilder(baseUri().resolve("webhook/" + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"call\":" + (i + 1) + "}"))
              .build();
      HttpResponse<String> response = process.send(request);
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
        HttpRequest.newBuilder(baseUri().resolve("api/v1/docs/swagger-ui-init.js"))
            .timeout(Duration.ofSeconds(30))
            .build();
    String script = process.send(request).body();
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
    return process.logTail();
  }

  /** Stops n8n and everything it started, then deletes its user folder. */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "N8nInstance[n8n " + N8nHome.VERSION + " at " + baseUri() + "]";
  }

  private static SecretValue setUpOwnerAndKey(N8nProcess process) {
    ObjectNode owner =
        JSON.createObjectNode()
            .put("email", "owner@errorbridge.test")
            .put("firstName", "Errorbridge")
            .put("lastName", "Tests")
            .put("password", "Eb-" + UUID.randomUUID() + "-A1");
    HttpResponse<String> setup = rest(process, "rest/owner/setup", owner, null);
    String cookie =
        setup
            .headers()
            .firstValue("set-cookie")
            .map(value -> value.substring(0, value.indexOf(';')))
            .orElseThrow(() -> new IllegalStateException("owner setup set no auth cookie"));

    ObjectNode keyRequest = JSON.createObjectNode().put("label", "errorbridge-tests");
    API_KEY_SCOPES.forEach(keyRequest.putArray("scopes")::add);
    keyRequest.putNull("expiresAt");
    HttpResponse<String> created = rest(process, "rest/api-keys", keyRequest, cookie);
    JsonNode rawKey = N8nPublicApi.parse(created.body()).path("data").path("rawApiKey");
    if (!rawKey.isTextual()) {
      throw new IllegalStateException("POST /rest/api-keys answered no data.rawApiKey");
    }
    return SecretValue.of(rawKey.asText());
  }

  // The internal REST API the editor uses: only for what the public API cannot do (owner, key).
  private static HttpResponse<String> rest(
      N8nProcess process, String path, JsonNode body, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(process.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("browser-id", BROWSER_ID)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    HttpResponse<String> response = process.send(request.build());
    if (response.statusCode() != 200) {
      // The body may echo what was sent (the password): only the status is reported.
      throw new IllegalStateException("POST /" + path + " answered " + response.statusCode());
    }
    return response;
  }

  private static String webhookPath() {
    return "errorbridge-" + UUID.randomUUID();
  }
}

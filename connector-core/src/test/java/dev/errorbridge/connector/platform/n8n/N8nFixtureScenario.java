package dev.errorbridge.connector.platform.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.errorbridge.connector.testing.AwaitValue;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPublicApi;
import dev.errorbridge.connector.testing.N8nPushReceiver;
import dev.errorbridge.connector.testing.N8nResponse;
import dev.errorbridge.connector.testing.N8nWorkflow;
import dev.errorbridge.connector.testing.N8nWorkflows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fixtures under {@code platforms/n8n/} are answers to: workflows that fail (a Stop and
 * Error node, an HTTP Request node whose upstream answers 503) or wait, run on a real n8n, then the
 * requests an adapter makes, each answer kept as received. {@link N8nFixtureRecorder} writes them;
 * {@link N8nFixturesTest} runs the scenario again and checks the committed fixtures still have the
 * real answers' shape.
 */
final class N8nFixtureScenario {
  /** The Stop and Error node's message: non-ASCII on purpose (umlauts, CJK, an emoji). */
  static final String MESSAGE = "Order 4711 rejected: Prüfsumme ungültig – 校验失败 🚫";

  static final Path ERROR_TRIGGER_SAMPLE =
      Path.of("..", "samples", "n8n", "errorbridge-error-trigger.json");

  /** The fixtures {@link #run} captures, in order. */
  static final List<String> CAPTURED =
      List.of(
          "executions-error-page1.json",
          "executions-error-page2.json",
          "executions-error-include-data.json",
          "execution-stop-and-error.json",
          "execution-without-data.json",
          "execution-http-request-error.json",
          "executions-waiting-empty.json",
          "execution-waiting.json",
          "execution-error-workflow.json",
          "workflow.json",
          "error-401-no-key.json",
          "error-401-wrong-key.json",
          "error-404-execution.json",
          "error-400-cursor.json",
          "error-400-limit.json",
          "push-error-trigger.json");

  /** The fixtures written by hand (n8n cannot be made to answer them), not captured. */
  static final List<String> WRITTEN =
      List.of("error-429.json", "executions-malformed.json", "executions-wrong-shape.json");

  /**
   * One captured answer.
   *
   * @param fixture the file it is kept in
   * @param request what was asked (method and path under {@code /api/v1/}, or the push)
   * @param status the HTTP status n8n answered
   * @param body the body as received
   */
  record Capture(String fixture, String request, int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private N8nFixtureScenario() {}

  /**
   * Runs the scenario on {@code n8n}.
   *
   * @param failingUpstream a URL answering 503, for the HTTP Request node to fail on
   */
  static List<Capture> run(N8nInstance n8n, N8nPushReceiver receiver, String failingUpstream) {
    N8nWorkflow errorTrigger = n8n.createErrorTriggerWorkflow(ERROR_TRIGGER_SAMPLE);
    N8nWorkflow stop =
        n8n.createFailingWorkflow(
            "Errorbridge fixtures: stop and error", MESSAGE, errorTrigger.id());
    String httpPath = "errorbridge-fixtures-http-" + System.nanoTime();
    N8nWorkflow http =
        n8n.createActive(
            N8nWorkflows.httpRequest("Errorbridge fixtures: HTTP 503", httpPath, failingUpstream),
            httpPath);
    String waitPath = "errorbridge-fixtures-wait-" + System.nanoTime();
    N8nWorkflow waiting =
        n8n.createActive(N8nWorkflows.waiting("Errorbridge fixtures: waits", waitPath), waitPath);

    List<String> stopIds = n8n.trigger(stop, 3);
    String httpId = n8n.trigger(http, 1).get(0);
    String waitingId = n8n.trigger(waiting, 1).get(0);
    stopIds.forEach(id -> awaitStatus(n8n, id, "error"));
    awaitStatus(n8n, httpId, "error");
    awaitStatus(n8n, waitingId, "waiting");
    LoggedRequest push = awaitPush(receiver, stopIds.get(0));

    N8nPublicApi api = n8n.api();
    String errors = "executions?status=error&workflowId=" + stop.id();
    List<Capture> captures = new ArrayList<>();
    Capture page1 = get(api, "executions-error-page1.json", errors + "&limit=2");
    captures.add(page1);
    String cursor = read(page1.body()).path("nextCursor").asText();
    captures.add(
        get(
            api,
            "executions-error-page2.json",
            errors + "&limit=2&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
    captures.add(
        get(api, "executions-error-include-data.json", errors + "&includeData=true&limit=1"));
    captures.add(
        get(
            api,
            "execution-stop-and-error.json",
            "executions/" + stopIds.get(0) + "?includeData=true"));
    captures.add(get(api, "execution-without-data.json", "executions/" + stopIds.get(0)));
    captures.add(
        get(
            api,
            "execution-http-request-error.json",
            "executions/" + httpId + "?includeData=true"));
    captures.add(
        get(
            api,
            "executions-waiting-empty.json",
            "executions?status=waiting&workflowId=" + waiting.id()));
    captures.add(get(api, "execution-waiting.json", "executions/" + waitingId));
    captures.add(
        get(
            api,
            "execution-error-workflow.json",
            "executions/"
                + errorWorkflowRun(n8n, errorTrigger, stopIds.get(0))
                + "?includeData=true"));
    captures.add(get(api, "workflow.json", "workflows/" + stop.id()));
    captures.add(send(api, "error-401-no-key.json", "executions?status=error", Optional.empty()));
    captures.add(
        send(
            api,
            "error-401-wrong-key.json",
            "executions?status=error",
            Optional.of("not-an-n8n-api-key")));
    captures.add(get(api, "error-404-execution.json", "executions/999999999"));
    captures.add(get(api, "error-400-cursor.json", "executions?status=error&cursor=bm90LWpzb24"));
    captures.add(get(api, "error-400-limit.json", "executions?status=error&limit=251"));
    captures.add(
        new Capture(
            "push-error-trigger.json",
            "POST " + push.getUrl() + " (the Error Trigger sample)",
            202,
            push.getBodyAsString()));
    if (!captures.stream().map(Capture::fixture).toList().equals(CAPTURED)) {
      throw new IllegalStateException("CAPTURED must list the fixtures run() captures, in order");
    }
    return captures;
  }

  /** The id of the error workflow's run that reported {@code failedExecutionId}. */
  static String errorWorkflowRun(
      N8nInstance n8n, N8nWorkflow errorTrigger, String failedExecutionId) {
    return AwaitValue.until(
            "the error workflow's run for execution " + failedExecutionId,
            Duration.ofSeconds(60),
            () ->
                n8n.executions("includeData=true&workflowId=" + errorTrigger.id()).stream()
                    .filter(
                        e ->
                            errorTriggerOutput(e)
                                .at("/execution/id")
                                .asText()
                                .equals(failedExecutionId))
                    .map(e -> e.get("id").asText())
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** What the Error Trigger node of an error workflow's execution output (its one item's JSON). */
  static JsonNode errorTriggerOutput(JsonNode execution) {
    return execution.at("/data/resultData/runData/Error Trigger/0/data/main/0/0/json");
  }

  private static Capture get(N8nPublicApi api, String fixture, String pathAndQuery) {
    return capture(fixture, pathAndQuery, api.send(pathAndQuery));
  }

  private static Capture send(
      N8nPublicApi api, String fixture, String pathAndQuery, Optional<String> key) {
    return capture(fixture, pathAndQuery, api.send("GET", pathAndQuery, null, key));
  }

  private static Capture capture(String fixture, String pathAndQuery, N8nResponse response) {
    return new Capture(fixture, "GET /api/v1/" + pathAndQuery, response.status(), response.body());
  }

  private static void awaitStatus(N8nInstance n8n, String executionId, String status) {
    AwaitValue.until(
        "execution " + executionId + " " + status,
        Duration.ofSeconds(60),
        () -> n8n.execution(executionId, false).path("status").asText(),
        status::equals);
  }

  private static LoggedRequest awaitPush(N8nPushReceiver receiver, String executionId) {
    return AwaitValue.until(
            "the Error Trigger's POST for execution " + executionId,
            Duration.ofSeconds(60),
            () ->
                receiver.received().stream()
                    .filter(
                        r ->
                            read(r.getBodyAsString())
                                .at("/execution/id")
                                .asText()
                                .equals(executionId))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

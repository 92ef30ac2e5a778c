package dev.errorbridge.connector.platform.n8n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.connector.testing.AwaitValue;
import dev.errorbridge.connector.testing.N8nExtension;
import dev.errorbridge.connector.testing.N8nInstance;
import dev.errorbridge.connector.testing.N8nPublicApi;
import dev.errorbridge.connector.testing.N8nResponse;
import dev.errorbridge.connector.testing.N8nWorkflow;
import dev.errorbridge.connector.testing.N8nWorkflows;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each fact docs/platforms/n8n.md states about n8n's public API, checked against n8n 1.123.81 (its
 * answers, and the OpenAPI document it serves). Where the document and the answers disagree, both
 * are asserted: the adapter must follow the answers.
 */
@ExtendWith(N8nExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class N8nPublicApiFactsTest {
  private static final String ISO_MILLIS_UTC =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  private N8nInstance n8n;
  private N8nWorkflow failing;
  private List<String> failed;
  private N8nWorkflow waits;
  private String waitingId;

  @BeforeAll
  void runWorkflows(N8nInstance n8n) {
    this.n8n = n8n;
    failing = n8n.createFailingWorkflow("Facts: fails", "fact check");
    failed = n8n.trigger(failing, 3);
    String path = "errorbridge-facts-wait-" + System.nanoTime();
    waits = n8n.createActive(N8nWorkflows.waiting("Facts: waits", path), path);
    waitingId = n8n.trigger(waits, 1).get(0);
    failed.forEach(id -> awaitStatus(id, "error"));
    awaitStatus(waitingId, "waiting");
  }

  @Test
  void openApiDocument_servedBy1_123_81_saysWhatTheDocsCite() {
    JsonNode doc = n8n.openApiDocument();
    JsonNode list = doc.at("/paths/~1executions/get");

    assertThat(doc.at("/info/version").asText()).isEqualTo("1.1.1");
    assertThat(doc.at("/components/securitySchemes").fieldNames())
        .toIterable()
        .containsExactly("ApiKeyAuth");
    assertThat(doc.at("/components/securitySchemes/ApiKeyAuth/name").asText())
        .isEqualTo(N8nPublicApi.KEY_HEADER);
    assertThat(parameter(list, "status").at("/schema/enum"))
        .extracting(JsonNode::asText)
        .containsExactly("canceled", "error", "running", "success", "waiting");
    assertThat(doc.at("/components/parameters/limit/schema/default").asInt()).isEqualTo(100);
    assertThat(doc.at("/components/parameters/limit/schema/maximum").asInt()).isEqualTo(250);
    assertThat(doc.at("/components/parameters/includeData/schema/type").asText())
        .isEqualTo("boolean");
    assertThat(doc.at("/components/parameters/cursor/schema/type").asText()).isEqualTo("string");
    JsonNode execution = doc.at("/components/schemas/execution/properties");
    assertThat(execution.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "id",
            "data",
            "finished",
            "mode",
            "retryOf",
            "retrySuccessId",
            "startedAt",
            "stoppedAt",
            "workflowId",
            "waitTill",
            "customData",
            "status");
    // The document types both ids as numbers; n8n answers strings (next test).
    assertThat(execution.at("/id/type").asText()).isEqualTo("number");
    assertThat(execution.at("/workflowId/type").asText()).isEqualTo("number");
    assertThat(execution.at("/stoppedAt/nullable").asBoolean()).isTrue();
    assertThat(execution.at("/status/enum"))
        .extracting(JsonNode::asText)
        .contains("crashed", "new", "unknown");
    assertThat(
            doc.at("/components/schemas/executionList/properties/nextCursor/nullable").asBoolean())
        .isTrue();
  }

  @Test
  void executions_answerIdsAsStringsNewestFirstWithUtcMillisecondTimes() {
    List<JsonNode> listed = n8n.executions("status=error&workflowId=" + failing.id());

    assertThat(listed)
        .extracting(e -> e.get("id").asText())
        .containsExactlyElementsOf(reversed(failed));
    assertThat(listed)
        .allSatisfy(
            e -> {
              assertThat(e.get("id").isTextual()).isTrue();
              assertThat(e.get("id").asText()).matches("[1-9][0-9]*");
              assertThat(e.get("workflowId").asText()).matches("[A-Za-z0-9]{16}");
              assertThat(e.get("startedAt").asText()).matches(ISO_MILLIS_UTC);
              assertThat(e.get("stoppedAt").asText()).matches(ISO_MILLIS_UTC);
              assertThat(e.get("finished").asBoolean()).isFalse();
              assertThat(e.get("mode").asText()).isEqualTo("webhook");
              assertThat(e.has("data")).as("without includeData").isFalse();
            });
  }

  @Test
  void cursor_carriesTheLimit_andTheLastPageHasNone() {
    String query = "executions?status=error&workflowId=" + failing.id();
    JsonNode first = n8n.api().get(query + "&limit=2");
    String cursor = first.get("nextCursor").asText();

    JsonNode second =
        n8n.api()
            .get(query + "&limit=250&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));

    assertThat(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8))
        .isEqualTo("{\"lastId\":\"" + failed.get(1) + "\",\"limit\":2}");
    assertThat(first.get("data")).hasSize(2);
    // limit=250 beside the cursor is ignored: the cursor's limit (2) applies; one run is left.
    assertThat(second.get("data")).hasSize(1);
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void limit_whenZero_listsEverything_andAbove250_isRefused() {
    String query = "executions?status=error&workflowId=" + failing.id();

    assertThat(n8n.api().get(query + "&limit=0").get("data")).hasSize(3);
    N8nResponse tooMany = n8n.api().send(query + "&limit=251");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("message").asText())
        .isEqualTo("request/query/limit must be <= 250");
  }

  @Test
  void status_whenNotInTheDocumentsEnum_isRefused() {
    N8nResponse crashed = n8n.api().send("executions?status=crashed");

    assertThat(crashed.status()).isEqualTo(400);
    assertThat(crashed.json().get("message").asText())
        .contains("canceled, error, running, success, waiting");
  }

  @Test
  void auth_onlyTheApiKeyHeaderIsAccepted() {
    N8nPublicApi api = n8n.api();

    assertThat(api.send("GET", "executions", null, Optional.empty()).json().get("message").asText())
        .isEqualTo("'X-N8N-API-KEY' header required");
    assertThat(api.send("GET", "executions", null, Optional.of("wrong")).status()).isEqualTo(401);
    N8nResponse bearer =
        api.send(
            "GET", "executions", null, Map.of("Authorization", "Bearer " + n8n.apiKey().reveal()));
    assertThat(bearer.status()).isEqualTo(401);
    assertThat(api.send("executions").status()).isEqualTo(200);
  }

  @Test
  void waiting_isListedNeitherByStatusNorUnfiltered_butReadById() {
    // n8n-io/n8n#14748, still so in 1.123.81.
    assertThat(n8n.executions("status=waiting&workflowId=" + waits.id())).isEmpty();
    assertThat(n8n.executions("workflowId=" + waits.id())).isEmpty();

    JsonNode waiting = n8n.execution(waitingId, false);
    assertThat(waiting.get("status").asText()).isEqualTo("waiting");
    assertThat(waiting.get("waitTill").asText()).matches(ISO_MILLIS_UTC);
    assertThat(waiting.get("finished").asBoolean()).isFalse();
  }

  @Test
  void detail_namesTheWorkflowOnlyWithData() {
    String id = failed.get(0);

    assertThat(n8n.execution(id, false).has("workflowData")).isFalse();
    JsonNode detail = n8n.execution(id, true);
    assertThat(detail.at("/workflowData/name").asText()).isEqualTo("Facts: fails");
    assertThat(detail.at("/data/resultData/error/node").isObject()).isTrue();
    assertThat(detail.has("createdAt")).isTrue();
    assertThat(detail.has("deletedAt")).isTrue();
    assertThat(n8n.api().send("executions/999999999").status()).isEqualTo(404);
  }

  @Test
  void workflow_answersNameAndActive() {
    JsonNode workflow = n8n.api().get("workflows/" + failing.id());

    assertThat(workflow.get("id").asText()).isEqualTo(failing.id());
    assertThat(workflow.get("name").asText()).isEqualTo("Facts: fails");
    assertThat(workflow.get("active").asBoolean()).isTrue();
    assertThat(n8n.api().send("workflows/nope").status()).isEqualTo(404);
  }

  private void awaitStatus(String id, String status) {
    AwaitValue.until(
        "execution " + id + " " + status,
        Duration.ofSeconds(60),
        () -> n8n.execution(id, false).path("status").asText(),
        status::equals);
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.get("parameters")) {
      if (name.equals(parameter.path("name").asText())) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + operation);
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    Collections.reverse(copy);
    return copy;
  }
}

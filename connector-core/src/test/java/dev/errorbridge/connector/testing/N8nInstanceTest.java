package dev.errorbridge.connector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real n8n the adapter's tests run against: it starts, fails on demand, and lists failures. */
@ExtendWith(N8nExtension.class)
class N8nInstanceTest {
  private static final String MESSAGE = "Order 4711 rejected: Prüfsumme ungültig – 校验失败 ✗";

  @Test
  void executions_whenWorkflowFailedThreeTimes_listsThemAsErrorsWithNodeAndMessage(
      N8nInstance n8n) {
    N8nWorkflow workflow = n8n.createFailingWorkflow("N8nInstanceTest fails", MESSAGE);

    List<String> started = n8n.trigger(workflow, 3);
    // The very query the adapter polls with; other tests' failures share the instance.
    List<JsonNode> failed =
        AwaitValue.until(
            "three failed executions of " + workflow.id(),
            Duration.ofSeconds(60),
            () ->
                n8n.executions("status=error&includeData=true").stream()
                    .filter(e -> e.path("workflowId").asText().equals(workflow.id()))
                    .toList(),
            list -> list.size() == 3);

    assertThat(failed)
        .extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(started);
    assertThat(failed)
        .allSatisfy(
            execution -> {
              assertThat(execution.get("status").asText()).isEqualTo("error");
              assertThat(execution.get("id").isTextual()).isTrue();
              assertThat(execution.get("id").asText()).containsOnlyDigits();
              JsonNode result = execution.path("data").path("resultData");
              assertThat(result.path("lastNodeExecuted").asText())
                  .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
              assertThat(result.path("error").path("message").asText()).isEqualTo(MESSAGE);
              assertThat(result.path("error").path("node").path("name").asText())
                  .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
              assertThat(
                      result
                          .path("runData")
                          .path(N8nWorkflows.STOP_AND_ERROR_NODE)
                          .path(0)
                          .path("error")
                          .path("message")
                          .asText())
                  .isEqualTo(MESSAGE);
            });
  }

  @Test
  void execution_whenAskedWithData_namesTheWorkflowAndTheFailingNode(N8nInstance n8n) {
    N8nWorkflow workflow = n8n.createFailingWorkflow("N8nInstanceTest detail", MESSAGE);
    String id = n8n.trigger(workflow, 1).get(0);

    JsonNode detail =
        AwaitValue.until(
            "execution " + id + " failed",
            Duration.ofSeconds(60),
            () -> n8n.execution(id, true),
            e -> e.path("status").asText().equals("error"));

    assertThat(detail.path("workflowId").asText()).isEqualTo(workflow.id());
    assertThat(detail.path("workflowData").path("name").asText())
        .isEqualTo("N8nInstanceTest detail");
    assertThat(detail.at("/data/resultData/error/name").asText()).isEqualTo("NodeOperationError");
    assertThat(detail.at("/data/resultData/lastNodeExecuted").asText())
        .isEqualTo(N8nWorkflows.STOP_AND_ERROR_NODE);
  }

  @Test
  void apiKey_isInNoToString(N8nInstance n8n) {
    String key = n8n.apiKey().reveal();

    assertThat(key).isNotBlank();
    assertThat(n8n.toString()).doesNotContain(key);
    assertThat(n8n.api().toString()).doesNotContain(key);
    assertThat(n8n.apiKey().toString()).doesNotContain(key);
  }
}

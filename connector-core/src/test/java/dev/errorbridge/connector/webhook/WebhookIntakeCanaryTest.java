package dev.errorbridge.connector.webhook;

import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY;
import static dev.errorbridge.connector.webhook.WebhookTestKit.ALLOY_TOKEN;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC;
import static dev.errorbridge.connector.webhook.WebhookTestKit.GENERIC_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_OLD_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.RUNFLOW_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.TENANT;
import static dev.errorbridge.connector.webhook.WebhookTestKit.UNKNOWN_SECRET;
import static dev.errorbridge.connector.webhook.WebhookTestKit.alloy;
import static dev.errorbridge.connector.webhook.WebhookTestKit.fixture;
import static dev.errorbridge.connector.webhook.WebhookTestKit.generic;
import static dev.errorbridge.connector.webhook.WebhookTestKit.hmacHex;
import static dev.errorbridge.connector.webhook.WebhookTestKit.post;
import static dev.errorbridge.connector.webhook.WebhookTestKit.runflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.retry.ProgressListener;
import dev.errorbridge.connector.testing.LocalAwsServices;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.time.Deadline;
import dev.errorbridge.localaws.fault.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No webhook secret or presented token ever shows in an answer, a log line or the table. */
@ExtendWith(LocalServices.class)
class WebhookIntakeCanaryTest {
  private static final List<String> CANARIES =
      List.of(RUNFLOW_SECRET, RUNFLOW_OLD_SECRET, ALLOY_TOKEN, GENERIC_SECRET, UNKNOWN_SECRET);

  private static LocalAwsServices aws;

  @BeforeAll
  static void start(LocalAwsServices shared) {
    aws = shared;
  }

  @Test
  void handle_whateverHappens_neverShowsASecretInAnswersLogsOrTheTable() {
    List<String> everything = new ArrayList<>();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (IntakeKit kit = new IntakeKit(aws)) {
      kit.pipeline.connection(
          TENANT,
          "conn_rotating",
          Platform.RUNFLOW,
          true,
          RUNFLOW_SECRET,
          RUNFLOW_OLD_SECRET,
          null);
      byte[] runflowBody = fixture("runflow-failed.json");
      List<WebhookTestKit.RequestBuilder> requests =
          List.of(
              runflow(runflowBody),
              alloy(fixture("alloy-error.json")),
              generic(fixture("generic-failure.json")),
              post(RUNFLOW).json(runflowBody).header("Runflow-Signature", "00" + RUNFLOW_SECRET),
              post(ALLOY).json(fixture("alloy-error.json")).query("token", UNKNOWN_SECRET),
              post(GENERIC).json(runflowBody).header("X-Errorbridge-Signature", UNKNOWN_SECRET),
              post("conn_rotating")
                  .json(runflowBody)
                  .header("Runflow-Signature", hmacHex(RUNFLOW_OLD_SECRET, runflowBody)));
      requests.forEach(r -> everything.add(kit.handle(r).toString()));

      aws.localAws().faults().inject(Fault.throttle("PutEvents").always());
      everything.add(kit.handle(generic(fixture("generic-epoch.json"))).toString());
      aws.localAws().faults().clear();
      kit.pipeline.clock().advance(Duration.ofMinutes(2));
      everything.add(
          kit.pipeline
              .drainer()
              .drain(
                  kit.pipeline.clock().instant(),
                  10,
                  Deadline.after(Duration.ofSeconds(10), kit.pipeline.clock()),
                  ProgressListener.NONE)
              .toString());

      kit.pipeline.clock().advance(Duration.ofMinutes(10)); // past the plaintext cache
      kit.pipeline.disableKmsKey();
      everything.add(kit.handle(runflow(runflowBody)).toString());
      everything.add(
          aws.dynamoDb().client().scan(r -> r.tableName(kit.pipeline.table().name())).toString());
    } finally {
      System.setErr(originalErr);
    }
    everything.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(String.join("\n", everything)).contains("503").contains("queued").contains("401");
    for (String text : everything) {
      for (String canary : CANARIES) {
        assertThat(text).doesNotContain(canary);
      }
    }
  }
}

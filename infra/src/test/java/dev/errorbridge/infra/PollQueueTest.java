package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PollQueueTest {

  private static StackJson json;

  @BeforeAll
  static void synthesise() {
    json = Synthesized.defaults().json();
  }

  @Test
  void queue_redrivesToItsDeadLetterQueueAfterFiveReceives() {
    assertThat(json.render(json.propertiesAt("Poll/Queue").get("RedrivePolicy")))
        .isEqualTo(
            Map.of("deadLetterTargetArn", "${Poll/DeadLetterQueue.Arn}", "maxReceiveCount", 5));
  }

  @Test
  void queue_hidesAMessageForSixTimesThePollWorkersTimeout() {
    Number workerTimeout =
        (Number) json.propertiesAt("Functions/PollWorker/Function").get("Timeout");

    assertThat(workerTimeout).isEqualTo(60);
    assertThat(json.propertiesAt("Poll/Queue"))
        .containsEntry("VisibilityTimeout", 6 * workerTimeout.intValue());
  }

  @Test
  void queues_areNamedEncryptedAndKeepMessagesAsLongAsTheyMatter() {
    assertThat(json.propertiesAt("Poll/Queue"))
        .containsEntry("QueueName", "errorbridge-poll")
        .containsEntry("SqsManagedSseEnabled", true)
        .containsEntry("MessageRetentionPeriod", 86_400)
        .doesNotContainKey("KmsMasterKeyId");
    assertThat(json.propertiesAt("Poll/DeadLetterQueue"))
        .containsEntry("QueueName", "errorbridge-poll-dlq")
        .containsEntry("SqsManagedSseEnabled", true)
        .containsEntry("MessageRetentionPeriod", 1_209_600)
        .doesNotContainKey("RedrivePolicy");
  }

  @Test
  void queues_refuseRequestsWithoutTls() {
    for (String queue : List.of("Poll/Queue", "Poll/DeadLetterQueue")) {
      assertThat(json.allStatements())
          .filteredOn(s -> s.source().equals(queue + "/Policy"))
          .singleElement()
          .satisfies(
              deny -> {
                assertThat(deny.effect()).isEqualTo("Deny");
                assertThat(deny.actions()).containsExactly("sqs:*");
                assertThat(deny.resources()).containsExactly("${" + queue + ".Arn}");
                assertThat(deny.conditions())
                    .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
              });
    }
  }

  @Test
  void queueNames_followThePrefix() {
    assertThat(Synthesized.configured().json().propertiesAt("Poll/Queue"))
        .containsEntry("QueueName", "acme-eb-poll");
  }
}

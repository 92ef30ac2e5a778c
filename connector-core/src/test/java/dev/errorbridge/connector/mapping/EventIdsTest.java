package dev.errorbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.DeliveryPath;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.Delivery;
import dev.errorbridge.connector.FailedExecution.Execution;
import dev.errorbridge.connector.FailedExecution.Workflow;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void of_always_isAnRfc9562Version8Uuid() {
    String id = EventIds.of("t", "c", Platform.DIFY, "run-1");

    assertThat(id).matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.version()).isEqualTo(8);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void of_whenComputedIndependently_matchesTheDocumentedDerivation() throws Exception {
    // Recomputes the Javadoc's rule step by step, so a change to EventIds cannot go unnoticed.
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("errorbridge/event-id/v1".getBytes(StandardCharsets.US_ASCII));
    for (String field : new String[] {"tnt_1", "conn_2", "dify", "b1f4e6a2-0c3d"}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      sha.update(bytes);
    }
    ByteBuffer hash = ByteBuffer.wrap(sha.digest());
    long msb = (hash.getLong() & ~0xF000L) | 0x8000L;
    long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;

    assertThat(EventIds.of("tnt_1", "conn_2", Platform.DIFY, "b1f4e6a2-0c3d"))
        .isEqualTo(new UUID(msb, lsb).toString());
  }

  @Test
  void of_whenPinned_neverChanges() {
    // Consumers deduplicate on stored ids: this value must survive every refactoring.
    assertThat(EventIds.of("tnt_1", "conn_2", Platform.DIFY, "b1f4e6a2-0c3d"))
        .isEqualTo(EventIds.of("tnt_1", "conn_2", Platform.DIFY, "b1f4e6a2-0c3d"))
        .isEqualTo(PINNED_ID);
  }

  @Test
  void of_whenOnlyPathTimesWorkflowOrOutcomeDiffer_isTheSame() {
    FailedExecution polled =
        failure("tnt", "conn", Platform.RUNFLOW, "run-9", "wf-1", Outcome.FAILED, POLL_AT_NOON);
    FailedExecution pushed =
        failure(
            "tnt",
            "conn",
            Platform.RUNFLOW,
            "run-9",
            "wf-child-2",
            Outcome.STOPPED,
            new Delivery(DeliveryPath.WEBHOOK, Instant.parse("2026-02-03T09:00:00Z")));

    assertThat(EventIds.of(pushed)).isEqualTo(EventIds.of(polled));
  }

  @Test
  void of_whenExecutionConnectionTenantOrPlatformDiffers_isDifferent() {
    Set<String> ids = new HashSet<>();
    ids.add(EventIds.of("tnt", "conn", Platform.DIFY, "run-1"));
    ids.add(EventIds.of("tnt", "conn", Platform.DIFY, "run-2"));
    ids.add(EventIds.of("tnt", "conn-b", Platform.DIFY, "run-1"));
    ids.add(EventIds.of("tnt-b", "conn", Platform.DIFY, "run-1"));
    ids.add(EventIds.of("tnt", "conn", Platform.ALLOY, "run-1"));

    assertThat(ids).hasSize(5);
  }

  @Test
  void of_whenFieldBoundariesShift_isDifferent() {
    // Plain concatenation would make all of these "abc".
    assertThat(EventIds.of("ab", "c", Platform.DIFY, "x"))
        .isNotEqualTo(EventIds.of("a", "bc", Platform.DIFY, "x"));
    assertThat(EventIds.of("a|b", "c", Platform.DIFY, "x"))
        .isNotEqualTo(EventIds.of("a", "b|c", Platform.DIFY, "x"));
  }

  private static final String PINNED_ID = "95eac03d-af1d-8a0f-94da-46bba0615f57";

  private static final Delivery POLL_AT_NOON =
      new Delivery(DeliveryPath.POLL, Instant.parse("2026-02-03T12:00:00Z"));

  private static FailedExecution failure(
      String tenant,
      String connection,
      Platform platform,
      String executionId,
      String workflowId,
      Outcome outcome,
      Delivery delivery) {
    return new FailedExecution(
        platform,
        tenant,
        connection,
        new Workflow(workflowId, null, null),
        new Execution(executionId, "failed", outcome, null, null, null, null, null),
        null,
        null,
        delivery,
        null);
  }
}

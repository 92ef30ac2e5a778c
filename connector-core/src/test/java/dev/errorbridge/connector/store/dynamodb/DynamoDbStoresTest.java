package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.T0;
import static dev.errorbridge.connector.store.dynamodb.StoreFixtures.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.audit.AuditAction;
import dev.errorbridge.connector.audit.AuditRecord;
import dev.errorbridge.connector.poll.Checkpoint;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.connector.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServices.class)
class DynamoDbStoresTest {
  private static LocalDynamoDb dynamoDb;

  @BeforeAll
  static void startDynamoDb(LocalDynamoDb shared) {
    dynamoDb = shared;
  }

  @Test
  void of_buildsStoresSharingOneTable() {
    MutableClock clock = new MutableClock(T0);
    DynamoDbStores stores = DynamoDbStores.of(dynamoDb.newTable(), clock);

    assertThat(stores.outbox().recordDeadLettered("c-9", List.of("e-1")).claimed())
        .containsExactly("e-1");
    stores.checkpoints().save(Checkpoint.start("c-1", T0), 0);
    stores.deadLetters().park(deadLetter("tenant-a", "c-1", "e-1"));
    stores
        .audit()
        .append(
            new AuditRecord("tenant-a", "c-1", "user-42", AuditAction.CREATE, List.of(), T0, null));
    assertThat(stores.replayGuard().firstSeen("c-1", "sig", T0.plusSeconds(300))).isTrue();

    int deleted = stores.connectionItems().deleteAllExceptAudit("c-1");

    assertThat(deleted).isEqualTo(4); // checkpoint, letter, its pointer, the letter counter
    assertThat(stores.deadLetters().list("tenant-a", "c-1", 10)).isEmpty();
    assertThat(stores.audit().list("c-1", 10)).hasSize(1);
    assertThat(stores.outbox().stateOf("e-1", T0)).isPresent(); // not in the partition
  }
}

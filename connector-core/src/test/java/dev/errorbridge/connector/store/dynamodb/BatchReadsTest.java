package dev.errorbridge.connector.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link BatchReads} against DynamoDB Local; DynamoDB Local never leaves keys unprocessed, so a
 * client in front of it answers only the first {@code answered} keys of each call and hands the
 * rest back as {@code UnprocessedKeys}, as a throttled table does.
 */
class BatchReadsTest {
  private static LocalDynamoDb dynamoDb;
  private ErrorbridgeTable table;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stopDynamoDb() {
    dynamoDb.close();
  }

  @BeforeEach
  void freshTable() {
    table = dynamoDb.newTable();
    for (int i = 0; i < 230; i++) {
      Map<String, AttributeValue> item = new HashMap<>(key(i));
      item.put("n", Items.n(i));
      table.client().putItem(r -> r.tableName(table.name()).item(item));
    }
  }

  @Test
  void get_of230Keys_makesThreeCallsAndReturnsEveryItem() {
    Throttling client = new Throttling(dynamoDb.client(), Integer.MAX_VALUE);
    BatchReads reads = reads(client, 8);

    List<Map<String, AttributeValue>> items = reads.get("read", keys(0, 230));

    assertThat(items).hasSize(230);
    assertThat(client.calls.get()).isEqualTo(3);
    assertThat(waits).isEmpty();
  }

  @Test
  void get_whenKeysAreLeftUnprocessed_readsThemAgainAfterABackoff() {
    Throttling client = new Throttling(dynamoDb.client(), 30);
    BatchReads reads = reads(client, 8);

    List<Map<String, AttributeValue>> items = reads.get("read", keys(0, 100));

    assertThat(items)
        .extracting(item -> Items.number(item, "n"))
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 100).mapToObj(i -> (long) i).toList());
    assertThat(client.calls.get()).isEqualTo(4);
    assertThat(waits).hasSize(3).allSatisfy(wait -> assertThat(wait).isPositive());
  }

  @Test
  void get_whenKeysStayUnprocessedPastThePolicy_failsRetryableNamingThem() {
    Throttling client = new Throttling(dynamoDb.client(), 0);
    BatchReads reads = reads(client, 4);

    assertThatThrownBy(() -> reads.get("load the checkpoints of 5 connections", keys(0, 5)))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessage(
            "cannot load the checkpoints of 5 connections: DynamoDB left 5 keys unprocessed"
                + " after 4 attempts (throttled); retry later");
    assertThat(client.calls.get()).isEqualTo(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void get_ofKeysWithoutItems_returnsNothingForThem() {
    BatchReads reads = reads(dynamoDb.client(), 8);

    assertThat(reads.get("read", keys(225, 240))).hasSize(5);
  }

  private BatchReads reads(DynamoDbClient client, int attempts) {
    return new BatchReads(
        client,
        table.name(),
        BatchReads.policy(attempts, Duration.ofMillis(10), Duration.ofMillis(100)),
        waits::add);
  }

  private static Map<String, AttributeValue> key(int i) {
    return Items.key("TEST#" + i, "ITEM");
  }

  private static List<Map<String, AttributeValue>> keys(int from, int to) {
    return IntStream.range(from, to).mapToObj(BatchReadsTest::key).toList();
  }

  /** Answers at most {@code answered} keys per call and returns the rest as unprocessed. */
  private static final class Throttling implements DynamoDbClient {
    private final DynamoDbClient real;
    private final int answered;
    final AtomicInteger calls = new AtomicInteger();

    Throttling(DynamoDbClient real, int answered) {
      this.real = real;
      this.answered = answered;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      calls.incrementAndGet();
      Map.Entry<String, KeysAndAttributes> only =
          request.requestItems().entrySet().iterator().next();
      List<Map<String, AttributeValue>> keys = only.getValue().keys();
      int served = Math.min(answered, keys.size());
      BatchGetItemResponse response =
          served == 0
              ? BatchGetItemResponse.builder().responses(Map.of()).build()
              : real.batchGetItem(
                  r ->
                      r.requestItems(
                          Map.of(
                              only.getKey(),
                              only.getValue().toBuilder().keys(keys.subList(0, served)).build())));
      if (served == keys.size()) {
        return response;
      }
      return response.toBuilder()
          .unprocessedKeys(
              Map.of(
                  only.getKey(),
                  only.getValue().toBuilder().keys(keys.subList(served, keys.size())).build()))
          .build();
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}

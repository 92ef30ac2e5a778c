package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.store.StoreUnavailableException;
import dev.errorbridge.connector.time.Sleeper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many items of one table by key with {@code BatchGetItem}: {@value #MAX_KEYS_PER_CALL} keys
 * a call (DynamoDB's limit), strongly consistent, and the keys DynamoDB leaves unprocessed
 * (throttling, the 16 MB answer limit) sent again under one resilience4j retry policy, exponential
 * backoff with jitter as AWS advises for {@code UnprocessedKeys}. Keys still unprocessed when the
 * policy gives up make the read fail as retryable: a caller never mistakes a missing answer for a
 * missing item.
 *
 * <p>One call reads what 100 {@code GetItem}s would, for the same read capacity, in one round trip:
 * the poll scheduler reads 10,000 checkpoints in about 100 calls.
 */
public final class BatchReads {
  /** BatchGetItem's limit of keys per call. */
  public static final int MAX_KEYS_PER_CALL = 100;

  /** Attempts per call, the first included; with the backoff below, about 2 s of waiting. */
  public static final int MAX_ATTEMPTS = 8;

  static final Duration INITIAL_BACKOFF = Duration.ofMillis(25);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final DynamoDbClient client;
  private final String table;
  private final Retry retry;
  private final Sleeper sleeper;

  /** Batch reads of {@code table} with the default policy, waiting on the system clock. */
  public BatchReads(DynamoDbClient client, String table) {
    this(client, table, policy(MAX_ATTEMPTS, INITIAL_BACKOFF, MAX_BACKOFF), Sleeper.SYSTEM);
  }

  /**
   * @param retry decides whether and when unprocessed keys are sent again ({@link #policy})
   * @param sleeper waits out its delays (tests: a fake that only records them)
   */
  public BatchReads(DynamoDbClient client, String table, Retry retry, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = Objects.requireNonNull(table, "table");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * The retry policy of unprocessed keys: {@code maxAttempts} calls at most, exponential backoff
   * from {@code initial} doubling with ±50 % jitter, capped at {@code max}.
   */
  public static Retry policy(int maxAttempts, Duration initial, Duration max) {
    RetryConfig config =
        RetryConfig.<Map<String, KeysAndAttributes>>custom()
            .maxAttempts(maxAttempts)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, max))
            .retryOnResult(unprocessed -> unprocessed != null && !unprocessed.isEmpty())
            .failAfterMaxAttempts(false)
            .build();
    return Retry.of("dynamodb-batch-get-unprocessed-keys", config);
  }

  /**
   * The items stored at {@code keys} (in no particular order; keys with no item are simply absent).
   * Keys must be distinct: DynamoDB refuses a call that repeats one.
   *
   * @param what what is read, for failure messages ("load the checkpoints of 120 connections")
   * @throws StoreUnavailableException if DynamoDB could not answer, or left keys unprocessed after
   *     every attempt (retryable)
   */
  public List<Map<String, AttributeValue>> get(
      String what, List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_CALL) {
      items.addAll(call(what, keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_CALL))));
    }
    return items;
  }

  private List<Map<String, AttributeValue>> call(
      String what, List<Map<String, AttributeValue>> keys) {
    Retry.AsyncContext<Map<String, KeysAndAttributes>> policy = retry.asyncContext();
    List<Map<String, AttributeValue>> items = new ArrayList<>(keys.size());
    Map<String, KeysAndAttributes> request =
        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    for (int attempt = 1; ; attempt++) {
      Map<String, KeysAndAttributes> asked = request;
      BatchGetItemResponse response =
          StoreCalls.call(what, () -> client.batchGetItem(r -> r.requestItems(asked)));
      List<Map<String, AttributeValue>> got = response.responses().get(table);
      if (got != null) {
        items.addAll(got);
      }
      Map<String, KeysAndAttributes> unprocessed = response.unprocessedKeys();
      if (unprocessed == null || unprocessed.isEmpty()) {
        policy.onComplete();
        return items;
      }
      long delayMillis = policy.onResult(unprocessed);
      if (delayMillis < 0) {
        int left = unprocessed.values().stream().mapToInt(k -> k.keys().size()).sum();
        throw new StoreUnavailableException(
            "cannot "
                + what
                + ": DynamoDB left "
                + left
                + " keys unprocessed after "
                + attempt
                + " attempts (throttled); retry later",
            true,
            null);
      }
      try {
        sleeper.sleep(Duration.ofMillis(delayMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException(
            "cannot " + what + ": interrupted while waiting to read unprocessed keys", true, e);
      }
      request = unprocessed;
    }
  }
}

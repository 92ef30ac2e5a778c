package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import dev.errorbridge.connector.webhook.spi.ReplayRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Remembers webhook requests already accepted, so that a replayed request (same connection, same
 * signature or delivery id) within its tolerance window is refused. One item per request at {@code
 * REPLAY#<connectionId>#<SHA-256 of the key> / REPLAY}, its own partition, written with {@code
 * attribute_not_exists(pk) OR expiresAt < :now} and deleted by TTL.
 *
 * <p>The key is stored hashed: some platforms "sign" with a static shared token, which must never
 * be written to the table, and the hash bounds the key's length whatever a request carries.
 */
public final class DynamoDbReplayGuard implements ReplayGuard {
  static final String SORT_KEY = "REPLAY";
  private static final String CONDITION = "attribute_not_exists(#pk) OR #expiresAt < :now";
  private static final Duration MIN_KEEP = Duration.ofSeconds(1);

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public DynamoDbReplayGuard(ErrorbridgeTable table, Clock clock) {
    this.client = table.client();
    this.table = table.name();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records {@code key} for {@code connectionId} until {@code expiresAt}.
   *
   * @return {@code true} the first time within the window (accept the request), {@code false} for a
   *     replay (refuse it)
   * @throws IllegalArgumentException if {@code expiresAt} is not in the future (the request is
   *     stale and should have been refused on its timestamp)
   * @throws StoreUnavailableException if DynamoDB could not answer
   */
  @Override
  public boolean firstSeen(String connectionId, String key, Instant expiresAt) {
    Objects.requireNonNull(connectionId, "connectionId");
    Objects.requireNonNull(key, "key");
    Instant now = clock.instant();
    // A request at the very edge of its tolerance can come with an expiry already past on this
    // clock; it is still recorded, briefly, so that a replay in the same second is refused.
    Instant keepUntil = Objects.requireNonNull(expiresAt, "expiresAt");
    if (!keepUntil.isAfter(now)) {
      keepUntil = now.plus(MIN_KEEP);
    }
    Map<String, AttributeValue> item = item(connectionId, key, keepUntil);
    try {
      StoreCalls.call(
          "check a webhook request of connection " + connectionId + " for replay",
          () ->
              client.putItem(
                  PutItemRequest.builder()
                      .tableName(table)
                      .item(item)
                      .conditionExpression(CONDITION)
                      .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
                      .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
                      .build()));
      return true;
    } catch (ConditionalCheckFailedException replay) {
      return false;
    }
  }

  /**
   * This guard for an intake whose event claims record the request ({@link
   * ReplayGuard#joinsClaim()}): the verifier then leaves the write to {@link
   * DynamoDbOutbox#claim(java.util.List, ReplayRecord)}.
   */
  public ReplayGuard joiningClaims() {
    return new ReplayGuard() {
      @Override
      public boolean firstSeen(String connectionId, String key, Instant expiresAt) {
        return DynamoDbReplayGuard.this.firstSeen(connectionId, key, expiresAt);
      }

      @Override
      public boolean joinsClaim() {
        return true;
      }
    };
  }

  /**
   * The record's write inside a claim transaction, with the same condition as {@link #firstSeen}.
   */
  static TransactWriteItem claimWrite(String table, ReplayRecord replay, Instant now) {
    Instant keepUntil = replay.expiresAt().isAfter(now) ? replay.expiresAt() : now.plus(MIN_KEEP);
    Map<String, AttributeValue> item = item(replay.connectionId(), replay.key(), keepUntil);
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName(table)
                    .item(item)
                    .conditionExpression(CONDITION)
                    .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond()))))
        .build();
  }

  private static Map<String, AttributeValue> item(
      String connectionId, String key, Instant keepUntil) {
    Map<String, AttributeValue> item =
        new HashMap<>(Items.key("REPLAY#" + connectionId + "#" + sha256(key), SORT_KEY));
    item.put("connectionId", Items.s(connectionId));
    item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(keepUntil)));
    return item;
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

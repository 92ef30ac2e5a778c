package dev.errorbridge.connector.store.dynamodb;

import dev.errorbridge.connector.poll.PollScheduler;
import dev.errorbridge.connector.store.StoreUnavailableException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The table's one connection-settings stamp ({@code ERRORBRIDGE#connection-settings / STAMP}): a
 * counter every change of a connection's settings, toggle or existence adds one to, after the
 * change itself, and every poll scheduler reads (one small consistent {@code GetItem} a tick) to
 * tell whether its listing of enabled connections is still current. {@code ADD} is atomic, so
 * concurrent writers never lose a move and never conflict; a writer that dies between its change
 * and the move leaves the listing stale until the scheduler's longest reuse ({@link
 * dev.errorbridge.connector.poll.PollScheduler#LONGEST_LISTING_REUSE}) runs out.
 */
final class SettingsStamp {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsStamp.class);

  static final Map<String, AttributeValue> KEY =
      Map.of(
          ErrorbridgeTable.PK,
          Items.s("ERRORBRIDGE#connection-settings"),
          ErrorbridgeTable.SK,
          Items.s("STAMP"));

  private final TableItems items;

  SettingsStamp(TableItems items) {
    this.items = items;
  }

  /**
   * Moves the stamp: called after a connection's settings, toggle or existence changed. The change
   * is stored by then, so a failure here must not answer it as failed (a client would retry a write
   * that happened): it is logged, and schedulers see the change at their next full listing.
   */
  void move() {
    try {
      moveOrThrow();
    } catch (StoreUnavailableException e) {
      LOG.warn(
          "could not move the connection settings stamp ({}); poll schedulers see the change within"
              + " {}",
          e.getMessage(),
          PollScheduler.LONGEST_LISTING_REUSE);
    }
  }

  private void moveOrThrow() {
    items.call(
        "move the connection settings stamp",
        () ->
            items
                .client()
                .updateItem(
                    UpdateItemRequest.builder()
                        .tableName(items.table())
                        .key(KEY)
                        .updateExpression("ADD stamp :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                        .build()));
  }

  /** The stamp now (consistent read); 0 before the first change. */
  long read() {
    return items
        .get(KEY, "read the connection settings stamp")
        .map(item -> Long.parseLong(item.get("stamp").n()))
        .orElse(0L);
  }
}

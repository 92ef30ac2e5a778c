package dev.errorbridge.connector.store.dynamodb;

import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.EXPIRES_AT;
import static dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable.PK;

import dev.errorbridge.connector.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * One operation of a kind per connection at a time, across every process on the table (server
 * replicas, Lambda): a lease item at {@code CONN#<connectionId> / LEASE#<OPERATION>} written with
 * {@code attribute_not_exists(pk) OR untilMs < :now}. The holder renews it every third of {@link
 * #duration()} while it runs and deletes it when done; a holder that dies (a {@code kill -9}, a
 * lost host) lets it lapse, so the next start succeeds at most {@link #duration()} later, or at
 * once on a restarted process with the same replica id (ids are unique among live replicas).
 *
 * <pre>{@code
 * switch (leases.acquire(connectionId, Operation.BACKFILL)) {
 *   case Acquisition.Acquired a -> { try (a.lease()) { run(); } }
 *   case Acquisition.Held h -> answer409(h.holder(), h.until());
 * }
 * }</pre>
 */
public final class OperationLeases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperationLeases.class);

  /** The default lease: long enough to ride out a stalled renewal, short after a crash. */
  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);

  /** The shortest lease allowed: renewals every third of it must be able to keep up. */
  public static final Duration MIN_DURATION = Duration.ofSeconds(3);

  /** The operations that run one at a time per connection. */
  public enum Operation {
    BACKFILL,
    REPLAY
  }

  /** What {@link #acquire} got. */
  public sealed interface Acquisition {
    /** The lease is ours until closed. */
    record Acquired(Lease lease) implements Acquisition {}

    /**
     * Another run holds it.
     *
     * @param holder the replica that runs it
     * @param until when its lease lapses unless renewed
     */
    record Held(String holder, Instant until) implements Acquisition {}
  }

  private final DynamoDbClient client;
  private final String table;
  private final String holder;
  private final Duration duration;
  private final Clock clock;
  private final ScheduledExecutorService renewals;

  /**
   * @param holder this process's replica id, shown to whoever finds the lease held
   * @param duration how long a lease lasts without renewal ({@link #MIN_DURATION} at least)
   */
  public OperationLeases(ErrorbridgeTable table, String holder, Duration duration, Clock clock) {
    this.client = table.client();
    this.table = table.name();
    this.holder = Objects.requireNonNull(holder, "holder");
    this.duration = Objects.requireNonNull(duration, "duration");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (duration.compareTo(MIN_DURATION) < 0) {
      throw new IllegalArgumentException(
          "the operation lease must be at least " + MIN_DURATION + ", was " + duration);
    }
    this.renewals =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "errorbridge-lease-renewal");
              thread.setDaemon(true);
              return thread;
            });
  }

  public Duration duration() {
    return duration;
  }

  /**
   * Takes the lease of {@code operation} on {@code connectionId} unless another holds it.
   *
   * @throws StoreUnavailableException if DynamoDB cannot answer
   */
  public Acquisition acquire(String connectionId, Operation operation) {
    Instant now = clock.instant();
    Instant until = now.plus(duration);
    String token = UUID.randomUUID().toString();
    Map<String, AttributeValue> item = new HashMap<>(key(connectionId, operation));
    item.put("holder", Items.s(holder));
    item.put("token", Items.s(token));
    item.put("until", Items.s(until.toString()));
    item.put("untilMs", Items.n(until.toEpochMilli()));
    item.put(EXPIRES_AT, Items.n(Keys.ttlSeconds(until.plus(Duration.ofDays(1)))));
    try {
      StoreCalls.call(
          "take the " + name(operation) + " lease of connection " + connectionId,
          () ->
              client.putItem(
                  r ->
                      r.tableName(table)
                          .item(item)
                          // A holder of this replica's id is a previous process of this replica
                          // (killed and restarted): ids are unique among live replicas.
                          .conditionExpression(
                              "attribute_not_exists(#pk) OR #untilMs < :now OR #holder = :me")
                          .expressionAttributeNames(
                              Map.of("#pk", PK, "#untilMs", "untilMs", "#holder", "holder"))
                          .expressionAttributeValues(
                              Map.of(":now", Items.n(now.toEpochMilli()), ":me", Items.s(holder)))
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    } catch (ConditionalCheckFailedException held) {
      Map<String, AttributeValue> old = held.hasItem() ? held.item() : Map.of();
      return new Acquisition.Held(
          old.containsKey("holder") ? Items.string(old, "holder") : "another replica",
          old.containsKey("until") ? Items.instant(old, "until") : until);
    }
    Lease lease = new Lease(connectionId, operation, token);
    long every = Math.max(1, duration.toMillis() / 3);
    lease.renewal =
        renewals.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "operation lease taken connection={} operation={} holder={} until={}",
        connectionId,
        operation,
        holder,
        until);
    return new Acquisition.Acquired(lease);
  }

  private static Map<String, AttributeValue> key(String connectionId, Operation operation) {
    return Items.key(Keys.connection(connectionId), "LEASE#" + operation.name());
  }

  private static String name(Operation operation) {
    return operation.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    renewals.shutdownNow();
  }

  /** A lease this process holds: renewed in the background until {@link #close()}d. */
  public final class Lease implements AutoCloseable {
    private final String connectionId;
    private final Operation operation;
    private final String token;
    private volatile ScheduledFuture<?> renewal;

    private Lease(String connectionId, Operation operation, String token) {
      this.connectionId = connectionId;
      this.operation = operation;
      this.token = token;
    }

    private void renew() {
      Instant until = clock.instant().plus(duration);
      try {
        call(
            "renew",
            () ->
                client.updateItem(
                    r ->
                        r.tableName(table)
                            .key(key(connectionId, operation))
                            .updateExpression("SET #until = :until, #untilMs = :untilMs")
                            .conditionExpression("#token = :token")
                            .expressionAttributeNames(
                                Map.of("#until", "until", "#untilMs", "untilMs", "#token", "token"))
                            .expressionAttributeValues(
                                Map.of(
                                    ":until", Items.s(until.toString()),
                                    ":untilMs", Items.n(until.toEpochMilli()),
                                    ":token", Items.s(token)))));
      } catch (ConditionalCheckFailedException lost) {
        // It lapsed (this process stalled longer than the lease) and another took it over.
        LOG.warn(
            "operation lease lost connection={} operation={}: it lapsed and another run took it",
            connectionId,
            operation);
        stopRenewing();
      } catch (RuntimeException e) {
        LOG.warn(
            "operation lease not renewed connection={} operation={}: {}",
            connectionId,
            operation,
            e.getMessage());
      }
    }

    /** Stops renewing and gives the lease up (a later start may run at once). */
    @Override
    public void close() {
      stopRenewing();
      try {
        call(
            "give up",
            () ->
                client.deleteItem(
                    r ->
                        r.tableName(table)
                            .key(key(connectionId, operation))
                            .conditionExpression("#token = :token")
                            .expressionAttributeNames(Map.of("#token", "token"))
                            .expressionAttributeValues(Map.of(":token", Items.s(token)))));
      } catch (ConditionalCheckFailedException alreadyTaken) {
        // Lapsed and taken by another run: theirs now, nothing to give up.
      } catch (RuntimeException e) {
        // It lapses on its own within the lease.
        LOG.warn(
            "operation lease not released connection={} operation={}: {}",
            connectionId,
            operation,
            e.getMessage());
      }
    }

    private void stopRenewing() {
      ScheduledFuture<?> scheduled = renewal;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }

    /** Runs {@code request}, a failure naming it "cannot {@code verb} the … lease of …". */
    private <T> T call(String verb, Supplier<T> request) {
      return StoreCalls.call(
          verb + " the " + name(operation) + " lease of connection " + connectionId, request);
    }
  }
}
